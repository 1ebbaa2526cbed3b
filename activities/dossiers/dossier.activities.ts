import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { DossierEntity, DossierPartyEntity, ExternalEventEntity, PaymentEntity, PersonEntity } from '../../libs/db/entities';
import type { PartyRole } from '../../libs/domain/parties';
import { dateInZone } from '../../libs/deadlines/calendar-date';
import { PAYMENT_KIND_LABELS } from '../../libs/payments/payment-key';
import { formatDateNl } from '../../libs/format/dutch';
import { normalizeIban } from '../../libs/domain/identifiers';
import { audit, SYSTEM } from '../../libs/db/audit';
import { insertOnce } from '../../libs/db/insert-once';
import { addToTimeline } from '../../libs/db/timeline';
import { ocmwDirectoryOf } from '../../libs/config/ocmw-directory';
import type { IsoDate } from '../../libs/deadlines/calendar-date';
import { CompetenceExplanation, CompetenceFactsOutcome, explainCompetenceOutcome } from '../../libs/tasks/competence-check';
import { createLinkedDossierActivities } from './linked-dossier.activities';
import { createReferralActivities } from './referral.activities';

export interface DossierEventInput {
  dossierId: string;
  /** Idempotency key: the same key recorded twice (an activity retried) is one event. */
  key: string;
  at: string;
  type: string;
  description: string;
  data?: Record<string, unknown>;
  /** A new dossier status to set together with the event. */
  status?: string;
  closed?: boolean;
}

/** The configuration a running dossier reads when it needs it (configuration may change; history may not). */
export interface DossierSettings {
  warningDays: number;
  payday: number;
  documentReminderDays: number;
  partnerReminderDays: number;
  /** Debt mediation: recognised for amicable mediation since (decree 24 July 1996); null: not recognised. */
  debtMediationRecognisedSince?: string | null;
  /** Debt mediation (local policy [U]): the weekday of the living money, months between evaluations, a creditor's answer days. */
  leefgeldWeekday?: number;
  evaluationMonths?: number;
  creditorAnswerDays?: number;
  /** LOI: months a recognised resident may stay after the positive decision (LOI-5, [U]). */
  loiTransitionMonths?: number;
  /** Rent guarantee: days after an instalment's due day before the reminder ([U] local practice). */
  instalmentGraceDays?: number;
  /** Placement costs: days a maintenance debtor has to send the tax assessment before the reminder ([U] local practice). */
  maintenanceDebtorReplyDays?: number;
  /** This OCMW's NIS code (OCMW_NIS_CODE): the competence check's facts are judged from its side (Wet 1965). */
  ocmwNisCode?: string;
}

export function createDossierActivities({ dataSource, config, temporal }: { dataSource: DataSource; config: AppConfig; temporal?: Client }) {
  return {
    ...createLinkedDossierActivities({ dataSource, config, temporal }),
    ...createReferralActivities({ dataSource }),
    /**
     * The settings in force today, read at the start of each run: a changed payday or reminder period reaches running
     * dossiers at their next run, not only dossiers opened after the change.
     */
    async dossierSettings(_input: { procedure: string }): Promise<DossierSettings> {
      return {
        warningDays: config.deadlineWarningDays,
        payday: config.payments.payday,
        documentReminderDays: config.notices.documentReminderDays,
        partnerReminderDays: config.notices.partnerReminderDays,
        debtMediationRecognisedSince: config.debtMediationRecognisedSince,
        // Named, not spread: the report team (debtMediation.reportTeam) is not a dossier's setting.
        leefgeldWeekday: config.debtMediation.leefgeldWeekday,
        evaluationMonths: config.debtMediation.evaluationMonths,
        creditorAnswerDays: config.debtMediation.creditorAnswerDays,
        loiTransitionMonths: config.loiResidency.transitionMonths,
        instalmentGraceDays: config.rentGuarantee.instalmentGraceDays,
        maintenanceDebtorReplyDays: config.placementCosts.maintenanceDebtorReplyDays,
        ocmwNisCode: config.ocmw.nisCode,
      };
    },

    /**
     * The competence check's facts explained (Wet 1965, libs/domain/competence.ts): the competent OCMW by its name in
     * the directory, the rule that decided, its basis and the reasoning in Dutch, for the timeline and the dossier's
     * "Waarom dit OCMW?". Null when the check was completed without facts. Reads nothing but the configuration.
     */
    async explainCompetence(input: { requestDate: IsoDate; outcome: CompetenceFactsOutcome }): Promise<CompetenceExplanation | null> {
      const directory = ocmwDirectoryOf(config);
      return explainCompetenceOutcome(input.outcome, input.requestDate, config.ocmw.nisCode, (nis) => directory.get(nis)?.name);
    },

    /**
     * The external event that opened the dossier (a request another OCMW forwarded, Fedasil's assignment), or null for
     * a dossier opened by a request here. Read from the table (written with the dossier in one transaction), so it does
     * not depend on when the outbox delivered the event to the workflow. No names: the type, the date and the data's
     * forwarding OCMW only.
     */
    async dossierOpenedBy(input: { dossierId: string }): Promise<{ type: string; occurredOn: string; forwardingOcmw: string | null } | null> {
      const event = await dataSource.getRepository(ExternalEventEntity).findOne({ where: { dossierId: input.dossierId, openedDossier: true }, order: { recordedAt: 'ASC' } });
      if (!event) return null;
      const forwardingOcmw = typeof event.data?.forwardingOcmw === 'string' ? event.data.forwardingOcmw : null;
      return { type: event.type, occurredOn: event.occurredOn, forwardingOcmw };
    },

    /**
     * The aid paid to the client in a period, as form D1 (Wet 1965) claims it: the dossier's payments marked paid with
     * their day of payment from `from` to `to` (proof of actual expenses, §5.3), oldest first; an instalment to a
     * creditor from the client's own budget account is not aid. Ordered but not yet paid, a payment waits for a later claim.
     */
    async reimbursableCosts(input: { dossierId: string; from: IsoDate; to: IsoDate }): Promise<{ description: string; amountCents: number; paidOn: IsoDate }[]> {
      const paid = await dataSource.getRepository(PaymentEntity).createQueryBuilder('p')
        .where('p.dossier_id = :dossierId AND p.status = :paid AND p.kind <> :instalment', { dossierId: input.dossierId, paid: 'paid', instalment: 'instalment' })
        .andWhere(`(p.paid_at AT TIME ZONE :tz)::date BETWEEN :from AND :to`, { tz: config.timeZone, from: input.from, to: input.to })
        .orderBy('p.paid_at', 'ASC').addOrderBy('p.payment_key', 'ASC')
        .getMany();
      return paid.map((p) => {
        const paidOn = dateInZone(p.paidAt!.getTime(), config.timeZone);
        return { description: `${PAYMENT_KIND_LABELS[p.kind] ?? p.kind} ${p.period}, betaald op ${formatDateNl(paidOn)}`.slice(0, 200), amountCents: p.amountCents, paidOn };
      });
    },

    /**
     * The parties that play a role in the dossier now (links not ended), in the order they were linked: their ids only
     * — a maintenance debtor is a private person, whose name never travels through a workflow.
     */
    async dossierPartiesInRole(input: { dossierId: string; role: PartyRole }): Promise<string[]> {
      const links = await dataSource.getRepository(DossierPartyEntity).createQueryBuilder('l')
        .where('l.dossier_id = :dossierId AND l.role = :role AND l.ended_at IS NULL', input)
        .orderBy('l.created_at', 'ASC').addOrderBy('l.id', 'ASC')
        .getMany();
      return links.map((l) => l.partyId);
    },

    /** The OCMWs' names in the directory by NIS code (a code it does not know is named by its code). */
    async ocmwNames(input: { nisCodes: string[] }): Promise<Record<string, string>> {
      const directory = ocmwDirectoryOf(config);
      return Object.fromEntries(input.nisCodes.map((nis) => [nis, directory.get(nis)?.name ?? `het OCMW met NIS-code ${nis}`]));
    },

    /** The IBAN a social worker collected for a client who had none (a payment waits for it). */
    async setPersonIban(input: { dossierId: string; iban: string; by: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const dossier = await tx.findOneByOrFail(DossierEntity, { id: input.dossierId });
        await tx.update(PersonEntity, { id: dossier.personId }, { iban: normalizeIban(input.iban) });
        await audit(tx, { id: input.by, role: 'social-worker' }, 'person.iban-set', { dossierId: input.dossierId, personId: dossier.personId });
      });
    },

    /** The timeline entry and the dossier status move together, with a system audit event. */
    async recordDossierEvent(input: DossierEventInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        if (!(await addToTimeline(tx, {
            dossierId: input.dossierId,
            key: input.key,
            at: new Date(input.at),
            type: input.type,
            description: input.description,
            data: input.data ?? {},
          }))) return;
        if (input.status) {
          await tx.update(DossierEntity, { id: input.dossierId }, {
            status: input.status,
            ...(input.closed ? { closedAt: new Date(input.at) } : {}),
          });
        }
        await audit(tx, SYSTEM, `dossier.${input.type}`, { dossierId: input.dossierId, details: { key: input.key, ...(input.status ? { status: input.status } : {}) } });
      });
    },
  };
}
