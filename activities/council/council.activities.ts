import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { CouncilRules, pickSession, regularSessions } from '../../libs/council/sessions';
import { audit, SYSTEM } from '../../libs/db/audit';
import { AgendaItemEntity, CouncilMeetingEntity } from '../../libs/db/entities';
import type { AgendaDecision, AgendaProposal } from '../../libs/db/entities/agenda-item.entity';
import { addDays, addMonths } from '../../libs/deadlines/calendar-date';
import { addToTimeline } from '../../libs/db/timeline';

export interface RecordDecisionInput {
  dossierId: string;
  itemId: string;
  decision: AgendaDecision;
  /** Who recorded it, for the audit event. */
  actor: { id: string; role: string };
}

export interface ScheduleItemInput {
  dossierId: string;
  /** Idempotency key within the dossier, e.g. "decision-1"; a postponement schedules the next key. */
  key: string;
  kind: 'decision' | 'ratification';
  team: string;
  proposal: AgendaProposal;
  hearingRequested: boolean;
  /** The legal decision deadline (LL-3); null for a ratification. */
  decisionDue: string | null;
  /** Schedule on a session strictly after this date (a postponed item goes to the next session). */
  after?: string;
  /** The workflow's today (Europe/Brussels): which agendas are still open. */
  today: string;
}

export interface ScheduledItem {
  itemId: string;
  meetingId: string;
  sessionDate: string;
  time: string;
  place: string;
  cutoffDate: string;
  urgent: boolean;
}

export function councilRules(config: AppConfig): CouncilRules {
  const { rhythm, weekday, weekOfMonth, anchorDate, noticeDays } = config.council;
  return { rhythm, weekday, weekOfMonth, anchorDate, noticeDays };
}

/** Keeps the regular sessions of the coming months in the calendar (idempotent on the session date). */
export async function ensureSessions(manager: EntityManager, config: AppConfig, from: string): Promise<void> {
  const until = addMonths(from, config.council.monthsAhead).date;
  for (const slot of regularSessions(councilRules(config), from, until)) {
    await manager.query(
      `INSERT INTO council_meetings (date, slot_date, time, place, cutoff_date, kind) VALUES ($1, $1, $2, $3, $4, 'regular')
       ON CONFLICT (slot_date) WHERE kind = 'regular' DO NOTHING`,
      [slot.date, config.council.time, config.council.place, slot.cutoffDate],
    );
  }
}

export function createCouncilActivities({ dataSource, config }: { dataSource: DataSource; config: AppConfig }) {
  return {
    /**
     * Puts a dossier on the earliest session whose agenda is still open (extraordinary sessions included), flagged
     * urgent when that session is after the legal decision deadline. Idempotent on (dossier, key).
     */
    async scheduleAgendaItem(input: ScheduleItemInput): Promise<ScheduledItem> {
      return dataSource.transaction(async (tx) => {
        const existing = await tx.findOneBy(AgendaItemEntity, { dossierId: input.dossierId, key: input.key });
        if (existing) return describe(tx, existing);
        const today = input.today;
        await ensureSessions(tx, config, today);
        const from = input.after && input.after >= today ? addDays(input.after, 1) : today;
        const meetings = await tx
          .createQueryBuilder(CouncilMeetingEntity, 'm')
          .where(`m.status = 'planned' AND m.cutoff_date >= :today AND m.date >= :from`, { today, from })
          .orderBy('m.date', 'ASC')
          .getMany();
        const pick = pickSession(meetings, today, input.decisionDue);
        if (!pick) throw new Error('no council session with an open agenda: extend OCMW_COUNCIL_MONTHS_AHEAD');
        const item = await tx.save(
          tx.create(AgendaItemEntity, {
            meetingId: pick.session.id,
            dossierId: input.dossierId,
            key: input.key,
            kind: input.kind,
            team: input.team,
            proposal: input.proposal,
            hearingRequested: input.hearingRequested,
            urgent: pick.urgent,
            decisionDue: input.decisionDue,
          }),
        );
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `agenda:${input.key}`,
          at: new Date(),
          type: 'agenda-item',
          description:
            `Op de agenda van het BCSD van ${pick.session.date} (${input.kind === 'ratification' ? 'bekrachtiging' : 'beslissing'})` +
            (pick.urgent ? ': na de beslissingstermijn, dringende beslissing van de voorzitter nodig' : ''),
          data: { meetingId: pick.session.id, itemId: item.id, urgent: pick.urgent },
        });
        await audit(tx, SYSTEM, 'council.item-scheduled', { dossierId: input.dossierId, details: { itemId: item.id, meetingId: pick.session.id } });
        return describe(tx, item);
      });
    },

    /**
     * The decision the workflow accepted (the `councilDecision` Update) written to the agenda item, with its audit
     * event: the workflow writes it, so an API that dies after the Update leaves no undecided item behind. Idempotent:
     * only a still scheduled item is written, so a repeated run writes nothing twice.
     */
    async recordCouncilDecision(input: RecordDecisionInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const updated = await tx
          .createQueryBuilder()
          .update(AgendaItemEntity)
          .set({ status: input.decision.result === 'postponed' ? 'postponed' : 'decided', decision: input.decision as never })
          .where(`id = :id AND status = 'scheduled'`, { id: input.itemId })
          .execute();
        if (!updated.affected) return;
        await audit(tx, input.actor, input.decision.urgent ? 'council.urgent-decision' : 'council.decision', {
          dossierId: input.dossierId,
          details: { itemId: input.itemId, result: input.decision.result, decisionDate: input.decision.decisionDate },
        });
      });
    },
  };
}

async function describe(tx: EntityManager, item: AgendaItemEntity): Promise<ScheduledItem> {
  const m = await tx.findOneByOrFail(CouncilMeetingEntity, { id: item.meetingId });
  return { itemId: item.id, meetingId: m.id, sessionDate: m.date, time: m.time, place: m.place, cutoffDate: m.cutoffDate, urgent: item.urgent };
}
