import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { PersonEntity } from '../../../libs/db/entities';
import { dateInZone } from '../../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../../libs/format/dutch';
import { csrPetitionDocument } from '../../../libs/notices/csr-petition';
import { heatingAttestationDocument } from '../../../libs/notices/heating-attestation';
import { guidanceTypeLabel } from '../../../libs/procedures/debt-mediation';
import { renderPdf } from '../../../libs/notices/pdf';
import { letterhead } from '../../../libs/notices/letter-context';
import { procedureDefinition } from '../../../libs/procedures/registry';
import { BudgetInventoryService } from '../budget-inventory/budget-inventory.service';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { DocumentsService } from '../documents/documents.service';
import { EventsService } from '../events/events.service';
import { openLinkedInTx } from '../../../libs/db/linked-dossier';
import { dossierFor } from '../notes/dossier-for';

export interface HeatingAttestationInput {
  invoiceUnpaid: boolean;
}

/**
 * A trajectory the OCMW runs (signed, not closed), with or without a collective debt settlement: the attestation's
 * ground — derived from the procedure's statuses, so a new CSR status counts without a second list.
 */
const ATTESTABLE_STATUSES = procedureDefinition('debt-mediation').statuses.map((s) => s.code).filter((code) => code === 'TRAJECTORY_ACTIVE' || code.startsWith('CSR_'));

export interface PetitionInput {
  court: string;
  reasons: string;
}

/** Dutch labels of a clock's state, as the dossier page shows it. */
const CLOCK_STATUS_LABELS: Record<string, string> = {
  running: 'loopt', 'at-risk': 'verstrijkt binnenkort', met: 'gehaald', breached: 'overschreden', suspended: 'geschorst',
  cancelled: 'vervallen', expired: 'verstreken', informative: 'ter informatie verstreken',
};
const MEDIATOR_LABELS = { ocmw: 'het OCMW', outside: 'een externe schuldbemiddelaar' } as const;

interface FileRow {
  petition_filed_on: string | null; court: string | null; order_date: string | null; order_sent_on: string | null; mediator: 'ocmw' | 'outside' | null;
  mediator_party_id: string | null; mediator_name: string | null; ocmw_mediator: boolean; status: string | null; plan_sent_on: string | null;
  outcome: string | null; reminder_on: string | null; declare_by: string | null;
}

/**
 * The collective debt settlement of a debt mediation dossier (domain §3.2): what the workflow recorded (csr_files,
 * csr_claims, the csr-… clocks in deadlines) with Dutch labels, and the petition the OCMW helps the client draft from the
 * budget inventory (a PDF in the dossier's documents). The inventory's permissions: reading it, writing it.
 */
@Injectable()
export class CollectiveSettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inventory: BudgetInventoryService,
    private readonly documents: DocumentsService,
    private readonly events: EventsService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async file(actor: AuthUser, dossierId: string) {
    authorize(actor, 'inventory:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'inventory:read');
      const [row]: FileRow[] = await tx.query(
        `SELECT f.petition_filed_on::text, f.court, f.order_date::text, f.order_sent_on::text, f.mediator, f.mediator_party_id, p.name AS mediator_name,
                f.ocmw_mediator, f.status, f.plan_sent_on::text, f.outcome, f.reminder_on::text, f.declare_by::text
           FROM csr_files f LEFT JOIN parties p ON p.id = f.mediator_party_id WHERE f.dossier_id = $1`,
        [dossierId],
      );
      const claims: Array<{ party_id: string; name: string; declared_on: string | null; amount_cents: number | null; waived: boolean }> = await tx.query(
        `SELECT c.party_id, p.name, c.declared_on::text, c.amount_cents, c.waived FROM csr_claims c JOIN parties p ON p.id = c.party_id
          WHERE c.dossier_id = $1 ORDER BY p.name, c.party_id`,
        [dossierId],
      );
      const clocks: Array<{ key: string; rule_id: string; title: string; legal_basis: string; due_date: string | null; status: string; kind: 'duty' | 'window'; met_date: string | null }> = await tx.query(
        `SELECT key, rule_id, title, legal_basis, due_date::text, status, kind, met_date::text FROM deadlines
          WHERE dossier_id = $1 AND rule_id LIKE 'CSR-%' ORDER BY trigger_date, key`,
        [dossierId],
      );
      await audit(tx, actor, 'csr.read', { dossierId, personId: dossier.personId });
      const statusLabel = (code: string | null) => (code ? (procedureDefinition(dossier.procedure).statuses.find((s) => s.code === code)?.label ?? code) : null);
      return {
        dossierId,
        started: row !== undefined,
        petitionFiledOn: row?.petition_filed_on ?? null,
        court: row?.court ?? null,
        orderDate: row?.order_date ?? null,
        orderSentOn: row?.order_sent_on ?? null,
        mediator: row?.mediator ?? null,
        mediatorLabel: row?.mediator ? (row.mediator === 'outside' && row.mediator_name ? row.mediator_name : MEDIATOR_LABELS[row.mediator]) : null,
        ocmwMediator: row?.ocmw_mediator ?? false,
        status: row?.status ?? null,
        statusLabel: statusLabel(row?.status ?? null),
        planSentOn: row?.plan_sent_on ?? null,
        reminderOn: row?.reminder_on ?? null,
        declareBy: row?.declare_by ?? null,
        clocks: clocks.map((c) => ({
          key: c.key, ruleId: c.rule_id, title: c.title, legalBasis: c.legal_basis, dueDate: c.due_date, dueDateLabel: c.due_date ? formatDateNl(c.due_date) : null,
          status: c.status, statusLabel: CLOCK_STATUS_LABELS[c.status] ?? c.status, kind: c.kind,
          kindLabel: c.kind === 'duty' ? 'plicht van het OCMW (schuldbemiddelaar)' : 'ter informatie', metDate: c.met_date,
        })),
        claims: claims.map((c) => ({
          partyId: c.party_id, creditor: c.name, declaredOn: c.declared_on, declaredOnLabel: c.declared_on ? formatDateNl(c.declared_on) : null,
          amountCents: c.amount_cents, waived: c.waived, stateLabel: c.waived ? 'geacht afgezien (geen aangifte)' : c.declared_on ? 'aangegeven' : 'geen aangifte',
        })),
      };
    });
  }

  /**
   * The petition (verzoekschrift, art. 1675/4 Ger.W.) from the budget inventory as a PDF in the dossier's documents:
   * 409 while the inventory holds no open debt (there is nothing to settle).
   */
  async petition(actor: AuthUser, dossierId: string, input: PetitionInput) {
    authorize(actor, 'inventory:write');
    const dossier = await dossierFor(this.dataSource.manager, actor, dossierId, 'inventory:write');
    if (dossier.procedure !== 'debt-mediation') throw conflict('A petition for a collective debt settlement is prepared in a debt mediation dossier');
    const inventory = await this.inventory.inventory(actor, dossierId);
    const debts = inventory.debts.filter((d) => d.status === 'open');
    if (debts.length === 0) throw conflict('The budget inventory of this dossier holds no open debt: there is nothing for a collective debt settlement');
    const person = await this.dataSource.manager.findOneByOrFail(PersonEntity, { id: dossier.personId });
    const date = dateInZone(Date.now(), this.config.timeZone);
    const since = this.config.debtMediationRecognisedSince;
    const document = csrPetitionDocument({
      reference: dossier.reference,
      date,
      court: input.court,
      applicant: { name: `${person.firstName} ${person.lastName}`, birthDate: person.birthDate, nationalNumber: person.nationalNumber, address: `${person.street}, ${person.postalCode} ${person.city}` },
      debts: debts.map((d) => ({
        creditor: d.creditor?.name ?? 'onbekende schuldeiser', reference: d.creditorReference, outstandingCents: d.outstandingCents,
        collector: d.collector?.name ?? null, disputed: d.disputed, priority: d.priorityLabel,
      })),
      incomes: inventory.incomes.map((i) => ({ label: i.description ? `${i.kindLabel} (${i.description})` : i.kindLabel, amountCents: i.amountCents })),
      expenses: inventory.expenses.map((e) => ({ label: e.description ? `${e.kindLabel} (${e.description})` : e.kindLabel, amountCents: e.amountCents })),
      reasons: input.reasons,
      ocmwMediatorSince: since && since <= date ? since : null,
      ocmwName: this.config.ocmw.name,
    });
    const bytes = await renderPdf(document, letterhead(this.config));
    return this.documents.addGenerated(actor, dossier, {
      kind: 'petition', fileName: `verzoekschrift-csr-${dossier.reference}-${date}.pdf`, bytes,
      description: `Verzoekschrift collectieve schuldenregeling opgemaakt (${debts.length} schuldeiser(s))`,
    });
  }

  /**
   * The attestation "in debt mediation" for the heating allowance in category 3 (domain §7; libs/notices/heating-
   * attestation.ts), a PDF in the dossier's documents (kind certificate): the one action the dossier offers until the
   * heating allowance procedure exists. 409 unless the trajectory runs — signed and not closed (the agreement's
   * signature is the day it runs from; the kind of help the BCSD's latest decision on it).
   */
  async heatingAttestation(actor: AuthUser, dossierId: string, input: HeatingAttestationInput) {
    authorize(actor, 'inventory:write');
    const dossier = await dossierFor(this.dataSource.manager, actor, dossierId, 'inventory:write');
    if (dossier.procedure !== 'debt-mediation') throw conflict('The heating allowance attestation is made in a debt mediation dossier');
    if (!ATTESTABLE_STATUSES.includes(dossier.status)) {
      throw conflict('The heating allowance attestation needs a running trajectory: the agreement signed and the trajectory not closed');
    }
    const [signed]: Array<{ signed_on: string }> = await this.dataSource.query(
      `SELECT data->>'signedOn' AS signed_on FROM dossier_events WHERE dossier_id = $1 AND type = 'agreement-signed' ORDER BY at DESC LIMIT 1`,
      [dossierId],
    );
    if (!signed?.signed_on) throw conflict('The heating allowance attestation needs a running trajectory: no signed agreement is recorded');
    const [decided]: Array<{ guidance_type: string }> = await this.dataSource.query(
      `SELECT decision->>'guidanceType' AS guidance_type FROM agenda_items
        WHERE dossier_id = $1 AND status = 'decided' AND decision->>'guidanceType' IS NOT NULL
        ORDER BY decision->>'decisionDate' DESC, created_at DESC LIMIT 1`,
      [dossierId],
    );
    const [order]: Array<{ court: string; order_date: string }> = await this.dataSource.query(
      `SELECT court, order_date::text FROM csr_files WHERE dossier_id = $1 AND order_date IS NOT NULL`,
      [dossierId],
    );
    const person = await this.dataSource.manager.findOneByOrFail(PersonEntity, { id: dossier.personId });
    const date = dateInZone(Date.now(), this.config.timeZone);
    const document = heatingAttestationDocument({
      reference: dossier.reference,
      date,
      client: { name: `${person.firstName} ${person.lastName}`, birthDate: person.birthDate, address: `${person.street}, ${person.postalCode} ${person.city}` },
      guidanceLabel: decided ? guidanceTypeLabel(decided.guidance_type).toLowerCase() : 'schuldhulpverlening',
      since: signed.signed_on,
      csrOrder: order ? { court: order.court, orderDate: order.order_date } : null,
      invoiceUnpaid: input.invoiceUnpaid,
      ocmwName: this.config.ocmw.name,
    });
    const bytes = await renderPdf(document, letterhead(this.config));
    const stored = await this.documents.addGenerated(actor, dossier, {
      kind: 'certificate', fileName: `attest-verwarmingstoelage-${dossier.reference}-${date}.pdf`, bytes,
      description: 'Attest schuldbemiddeling voor de verwarmingstoelage (categorie 3) opgemaakt',
    });
    // The attestation is the client's request for the allowance in category 3 (issue 15): a heating allowance dossier
    // is opened, linked (the person's open one is linked instead), one per attestation day, and the attestation is
    // recorded in it as an event (it fills the inquiry: category 3, in debt mediation, the invoice unpaid or not).
    const linked = await this.dataSource.transaction(async (tx) => {
      const opened = await openLinkedInTx(tx, this.config, {
        fromDossierId: dossier.id, procedure: 'heating-allowance', linkKey: `heating-allowance:category-3:${date}`, requestDate: date, channel: dossier.channel,
        reason: 'Attest schuldbemiddeling voor de verwarmingstoelage (categorie 3)',
      });
      const recorded = await this.events.recordWithin(tx, actor, opened.to, {
        type: 'debt-mediation-attestation', occurredOn: date, reference: `${dossier.reference}:${date}`,
        data: { since: signed.signed_on, category: 3, inDebtMediation: true, invoiceUnpaid: input.invoiceUnpaid, mediator: this.config.ocmw.name, debtDossierReference: dossier.reference },
      });
      const starts: { id: string }[] = await tx.query(
        `SELECT id FROM workflow_outbox WHERE dossier_id = $1 AND message = 'startWorkflow' AND status = 'pending' ORDER BY id`, [opened.to.id],
      );
      return { opened, outboxIds: [...starts.map((r) => r.id), ...recorded.outboxIds] };
    });
    // After the commit: the heating allowance's workflow starts, then takes the attestation (the relay retries the rest).
    await this.events.deliver(linked.outboxIds);
    const { to, existing } = linked.opened;
    return { ...stored, heatingAllowance: { dossierId: to.id, reference: to.reference, existing } };
  }
}
