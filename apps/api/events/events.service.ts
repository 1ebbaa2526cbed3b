import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Action, decide } from '../../../libs/auth/permissions';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, ExternalEventEntity, PersonEntity } from '../../../libs/db/entities';
import type { EventSource } from '../../../libs/db/entities/external-event.entity';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import { addToTimeline } from '../../../libs/db/timeline';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../../libs/format/dutch';
import { Camt053Error, parseCamt053 } from './camt053';
import { formatOgm, planOfOgm } from '../../../libs/payments/ogm';
import { formatIban } from '../../../libs/domain/identifiers';
import type { UploadedDocument } from '../documents/upload.interceptor';
import { eventKindOf, eventRefusedInStatus, PROCEDURES, ProcedureName, validateExternalEvent } from '../../../libs/procedures';
import type { ProcedureDefinition } from '../../../libs/procedures';
import { SchemaError, validateSchema } from '../../../libs/validation/schema';
import type { ExternalEventInput } from '../../../workflows/shared/dossier.messages';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { ApiError, conflict, notFound, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { WorkflowOutbox } from '../common/workflow-outbox';
import { DossiersService } from '../dossiers/dossiers.service';
import type { NewPerson } from '../persons/persons.service';
import { PersonsService } from '../persons/persons.service';
import { IMPORT_DOSSIER_LINE, INTAKE_EVENT, NEW_PERSON, PERSON_REF } from './events.schemas';

export interface RecordEvent {
  type: string;
  occurredOn: string;
  reference?: string | null;
  data: Record<string, unknown>;
}

export interface IntakeEvent extends RecordEvent {
  procedure: ProcedureName;
  reference: string;
  person: { personId: string } | NewPerson;
}

/** An event recorded now (created) or found recorded before (the same reference): `outboxIds` still to deliver, in order. */
export interface Recorded {
  event: ExternalEventEntity;
  created: boolean;
  outboxIds: string[];
}

type ImportLine = { line: number } & ({ kind: 'dossier'; dossierId: string; event: RecordEvent } | { kind: 'intake'; event: IntakeEvent });

/** Advisory lock class for event references: two recordings of one letter at once make one event. */
const LOCK_EVENT = 0x45766e74; // 'Evnt'

/**
 * Events from outside (issue 10, item 3). No partner logs in: a social worker records what arrived (one event, an
 * intake that opens a dossier, or an import file). Each event is validated against its procedure's event kind before
 * anything is stored, stored once (per dossier, type and reference), audited, and delivered to the dossier's workflow
 * through the workflow outbox (Update `externalEvent`, the event's id as its idempotency key). The workflow writes the
 * timeline entry when it receives the event (workflows/shared/dossier-runtime.ts); the API writes none.
 */
/** What lets a role record an event in a dossier: event:record, or an event kind's own permission. */
const RECORDING_PERMISSIONS: readonly Action[] = [
  'event:record',
  ...new Set((Object.values(PROCEDURES) as ProcedureDefinition[]).flatMap((p) => Object.values(p.events).map((e) => e.permission).filter((a): a is Action => a !== undefined))),
];

@Injectable()
export class EventsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly outbox: WorkflowOutbox,
    private readonly dossiers: DossiersService,
    private readonly persons: PersonsService,
  ) {}

  async record(actor: AuthUser, dossierId: string, body: RecordEvent) {
    // An event kind with a permission of its own (an LOI sanction, a Wet 1965 claim) is recorded by who holds that
    // permission, whether or not they record other events (finance claims the state's reimbursement).
    if (!RECORDING_PERMISSIONS.some((action) => decide(actor, action) === 'allow')) authorize(actor, 'event:record');
    const recorded = await this.dataSource.transaction(async (tx) => {
      const dossier = await this.recordableDossier(tx, actor, dossierId, body.type);
      throwIfInvalid(validateExternalEvent(dossier.procedure, body.type, body.data, this.today()));
      return this.insertEvent(tx, actor, dossier, body, 'api', false);
    });
    return this.answer(recorded);
  }

  /**
   * An event another part of the API records in its own transaction, in a dossier it just opened or found (a debt
   * mediation's attestation in the heating allowance it opened): validated like POST /dossiers/:id/events, stored once
   * per (dossier, type, reference). `deliver` after the commit.
   */
  async recordWithin(tx: EntityManager, actor: AuthUser, dossier: DossierEntity, body: RecordEvent): Promise<Recorded> {
    throwIfInvalid(validateExternalEvent(dossier.procedure, body.type, body.data, this.today()));
    return this.insertEvent(tx, actor, dossier, body, 'api', false);
  }

  /** Delivers outbox rows now, in their order (a dossier's start before its first event); the relay retries the rest. */
  deliver(outboxIds: string[]): Promise<boolean> {
    return this.deliverInOrder(outboxIds);
  }

  async list(actor: AuthUser, dossierId: string) {
    authorize(actor, 'event:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await tx.findOneBy(DossierEntity, { id: dossierId });
      if (!dossier) throw notFound('Dossier');
      authorize(actor, 'event:read', { team: dossier.team }, 'Dossier');
      const events = await tx.find(ExternalEventEntity, { where: { dossierId }, order: { recordedAt: 'ASC', id: 'ASC' } });
      const deliveries: { event_id: string; status: string }[] = await tx.query(
        `SELECT payload->>'eventId' AS event_id, status FROM workflow_outbox WHERE dossier_id = $1 AND message = 'externalEvent'`,
        [dossierId],
      );
      const delivery = new Map(deliveries.map((d) => [d.event_id, d.status]));
      await audit(tx, actor, 'dossier.events-read', { dossierId, personId: dossier.personId });
      const items = events.map((e) => ({ ...eventView(e), delivery: delivery.get(e.id) ?? 'pending' }));
      return { items, total: items.length };
    });
  }

  /**
   * Opens the dossier of the event's procedure (as POST /dossiers does, through the same service) with the event as
   * its first event, in one transaction: once per (procedure, type, reference), however often it is posted.
   */
  async intake(actor: AuthUser, body: IntakeEvent) {
    authorize(actor, 'intake:record', { team: actor.team });
    throwIfInvalid(this.intakeErrors(body));
    const recorded = await this.dataSource.transaction((tx) => this.intakeIn(tx, actor, body, 'intake'));
    return this.answer(recorded);
  }

  /**
   * An import file: JSON lines, one event a line (for a dossier: `dossierId`; an intake: `procedure` and `person`).
   * Every line is checked first; one bad line is a 400 listing every bad line by its number, and nothing is stored.
   * Otherwise all lines are recorded in one transaction: a line recorded before (its reference) adds nothing, so
   * importing the same file twice adds nothing.
   */
  async import(actor: AuthUser, file: { fileName: string; content: string }) {
    authorize(actor, 'intake:import', { team: actor.team });
    const parsed = parseLines(file.content, this.today());
    const errors: SchemaError[] = parsed.flatMap((p) => ('errors' in p ? p.errors.map((e) => atLine(p.line, e)) : []));
    const lines = parsed.filter((p): p is ImportLine => !('errors' in p));
    for (const line of lines) errors.push(...(await this.lineErrors(actor, line)).map((e) => atLine(line.line, e)));
    if (lines.length === 0 && errors.length === 0) errors.push({ path: '/content', code: 'empty', message: 'holds no event' });
    if (errors.length > 0) throw importRefused(errors);

    const results = await this.dataSource.transaction(async (tx) => {
      const done: (Recorded & { line: number })[] = [];
      for (const line of lines) {
        try {
          const recorded = line.kind === 'dossier'
            ? await this.insertEvent(tx, actor, await this.recordableDossier(tx, actor, line.dossierId), line.event, 'import', false)
            : await this.intakeIn(tx, actor, line.event, 'import');
          done.push({ ...recorded, line: line.line });
        } catch (err) {
          // Found only while recording (a person registered meanwhile, a dossier closed): the whole file is refused.
          if (err instanceof ApiError) throw importRefused(apiErrorsOf(err).map((e) => atLine(line.line, e)));
          throw err;
        }
      }
      await audit(tx, actor, 'intake.imported', {
        details: { fileName: file.fileName, lines: done.length, recorded: done.filter((d) => d.created).length, eventIds: done.map((d) => d.event.id) },
      });
      return done;
    });
    for (const r of results) await this.deliverInOrder(r.outboxIds);
    return {
      fileName: file.fileName,
      lines: results.length,
      recorded: results.filter((r) => r.created).length,
      duplicates: results.filter((r) => !r.created).length,
      items: results.map((r) => ({ line: r.line, eventId: r.event.id, dossierId: r.event.dossierId, duplicate: !r.created })),
    };
  }

  /**
   * The OCMW's own bank statement (camt.053, POST /bank-statements): every booked incoming movement whose structured
   * communication is one of a dossier's plans (planOfOgm: its reference and plan number) is recorded in that dossier as
   * its procedure's plan-payment event (`planPayments.event`), with the bank's reference as the event's reference — so
   * the same statement imported again records nothing twice. Everything else incoming is listed as unmatched with its
   * reason, for finance to book by hand; money out is counted, not read. A file that is no camt.053, or a statement of
   * another account than OCMW_IBAN, is a 400 and nothing is stored. All matched movements are recorded in one
   * transaction, then delivered to their workflows.
   */
  async importBankStatement(actor: AuthUser, file: UploadedDocument | undefined) {
    authorize(actor, 'payment:import-statement');
    if (!file) throw new ValidationError([{ path: '/file', code: 'required', message: 'the bank statement (a camt.053 XML file) in the field "file"' }], 'The upload is not valid');
    let statement: ReturnType<typeof parseCamt053>;
    try {
      statement = parseCamt053(new TextDecoder('utf-8').decode(file.buffer));
    } catch (err) {
      if (err instanceof Camt053Error) throw new ValidationError([{ path: '/file', code: 'not-a-statement', message: err.message }], 'The bank statement cannot be read');
      throw err;
    }
    if (statement.accountIban !== this.config.ocmw.iban) {
      throw new ValidationError([{ path: '/file', code: 'other-account', message: `is a statement of ${formatIban(statement.accountIban)}, not of the OCMW's account (OCMW_IBAN ${formatIban(this.config.ocmw.iban)})` }], 'The bank statement is of another account');
    }
    type Unmatched = { index: number; bookingDate: string; amountCents: number; bankReference: string; communication: string | null; reason: string };
    const unmatched: Unmatched[] = [];
    const incoming = statement.movements.filter((m) => m.amountCents > 0);
    const results = await this.dataSource.transaction(async (tx) => {
      const done: (Recorded & { index: number; dossierReference: string })[] = [];
      // The dossiers the plans' communications name, in one query (a statement holds thousands of movements).
      const references = [...new Set(incoming.map((m) => (m.communication ? planOfOgm(m.communication)?.reference : undefined)).filter((r): r is string => r !== undefined))];
      const byReference = new Map((references.length ? await tx.findBy(DossierEntity, { reference: In(references) }) : []).map((d) => [d.reference, d]));
      for (const m of incoming) {
        const communication = m.communication ? formatOgm(m.communication.slice(0, 10)) : null;
        const miss = (reason: string) => void unmatched.push({ index: m.index, bookingDate: m.bookingDate, amountCents: m.amountCents, bankReference: m.bankReference, communication, reason });
        if (m.reversal) { miss('reversal'); continue; }
        if (m.currency !== 'EUR') { miss('currency'); continue; }
        if (!m.communication) { miss('no-communication'); continue; }
        const plan = planOfOgm(m.communication);
        if (!plan) { miss('not-a-plan'); continue; }
        const dossier = byReference.get(plan.reference);
        const kind = dossier ? (PROCEDURES[dossier.procedure as ProcedureName] as ProcedureDefinition | undefined)?.planPayments?.event : undefined;
        if (!dossier) { miss('no-dossier'); continue; }
        if (!kind) { miss('no-plans'); continue; }
        if (dossier.closedAt) { miss('closed'); continue; }
        const event: RecordEvent = { type: kind, occurredOn: m.bookingDate, reference: `bank:${m.bankReference}`, data: { amountCents: m.amountCents, communication } };
        if (validateExternalEvent(dossier.procedure, event.type, event.data, this.today()).length > 0) { miss('invalid'); continue; }
        done.push({ ...(await this.insertEvent(tx, actor, dossier, event, 'import', false)), index: m.index, dossierReference: dossier.reference });
      }
      await audit(tx, actor, 'payments.bank-statement-imported', {
        details: {
          fileName: file.originalname, statements: statement.statementIds, movements: statement.movements.length, incoming: incoming.length,
          recorded: done.filter((d) => d.created).length, duplicates: done.filter((d) => !d.created).length, unmatched: unmatched.length,
        },
      });
      return done;
    });
    for (const r of results) await this.deliverInOrder(r.outboxIds);
    return {
      fileName: file.originalname,
      account: statement.accountIban,
      movements: statement.movements.length,
      incoming: incoming.length,
      recorded: results.filter((r) => r.created).length,
      duplicates: results.filter((r) => !r.created).length,
      items: results.map((r) => ({ index: r.index, dossierId: r.event.dossierId, reference: r.dossierReference, eventId: r.event.id, amountCents: (r.event.data as { amountCents: number }).amountCents, duplicate: !r.created })),
      unmatched,
    };
  }

  private today(): string {
    return todayIn(this.config.timeZone);
  }

  /** The dossier an event is recorded in: it exists, the caller's team may record in it (else 404), it is not closed (409). */
  private async recordableDossier(tx: EntityManager, actor: AuthUser, dossierId: string, type?: string): Promise<DossierEntity> {
    const dossier = await tx.findOneBy(DossierEntity, { id: dossierId });
    if (!dossier) throw notFound('Dossier');
    const own = type ? eventKindOf(dossier.procedure, type)?.permission : undefined;
    authorize(actor, own ?? 'event:record', { team: dossier.team }, 'Dossier');
    if (dossier.closedAt) throw conflict('The dossier is closed: no event reaches it any more');
    const refused = type ? eventRefusedInStatus(dossier.procedure, dossier.status, type) : undefined;
    if (refused) throw conflict(refused);
    return dossier;
  }

  /** What an intake body is checked for besides its shape: an event kind of the procedure that opens a dossier, its data, the person. */
  private intakeErrors(body: IntakeEvent): SchemaError[] {
    const errors = validateExternalEvent(body.procedure, body.type, body.data, this.today());
    const kind = eventKindOf(body.procedure, body.type);
    if (errors.length === 0 && kind?.opensDossier !== true) {
      errors.push({ path: '/type', code: 'not-opening', message: `does not open a ${body.procedure} dossier: record it in the dossier (POST /dossiers/:id/events)` });
    }
    const original = kind?.originalRequestDateField ? (body.data as Record<string, unknown>)[kind.originalRequestDateField] : undefined;
    if (errors.length === 0 && typeof original === 'string' && original > body.occurredOn) {
      errors.push({ path: `/data/${kind!.originalRequestDateField}`, code: 'after-arrival', message: 'the request was made at the other OCMW before it arrived here (occurredOn)' });
    }
    const person = body.person as Record<string, unknown>;
    const personErrors = 'personId' in person ? validateSchema(PERSON_REF, person) : validateSchema(NEW_PERSON, person, { today: this.today() });
    return [...errors, ...personErrors.map((e) => ({ ...e, path: `/person${e.path}` }))];
  }

  private async intakeIn(tx: EntityManager, actor: AuthUser, body: IntakeEvent, source: EventSource): Promise<Recorded> {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_EVENT, `intake:${body.procedure}:${body.type}:${body.reference}`]);
    const existing = await tx.findOneBy(ExternalEventEntity, { procedure: body.procedure, type: body.type, reference: body.reference, openedDossier: true });
    if (existing) return { event: existing, created: false, outboxIds: [] };
    const personId = 'personId' in body.person ? body.person.personId : (await this.persons.createIn(tx, actor, body.person)).id;
    // The request date is the day the event reached this OCMW (occurredOn): its legal clocks run from it — except for a
    // forwarded request whose original date is known, by OCMW_FORWARDED_REQUEST_CLOCKS ([U], default that date).
    const field = eventKindOf(body.procedure, body.type)?.originalRequestDateField;
    const original = field ? (body.data as Record<string, unknown>)[field] : undefined;
    const fromOriginal = typeof original === 'string' && this.config.forwardedRequestClocks === 'original';
    const requestDate = fromOriginal ? original : body.occurredOn;
    const opened = await this.dossiers.openIn(tx, actor, { procedure: body.procedure, personId, requestDate, channel: 'third-party' });
    const dossier = await tx.findOneByOrFail(DossierEntity, { id: opened.result.id });
    if (field) {
      const why = typeof original !== 'string'
        ? `De termijnen lopen vanaf de ontvangst hier op ${formatDateNl(body.occurredOn)}: de datum van de aanvraag bij het doorsturende OCMW is niet gekend.`
        : fromOriginal
          ? `De termijnen lopen vanaf de aanvraag bij het doorsturende OCMW op ${formatDateNl(original)}, niet vanaf de ontvangst hier op ${formatDateNl(body.occurredOn)} (instelling OCMW_FORWARDED_REQUEST_CLOCKS=original; [U] nog te bevestigen).`
          : `De termijnen lopen vanaf de ontvangst hier op ${formatDateNl(body.occurredOn)}, niet vanaf de aanvraag bij het doorsturende OCMW op ${formatDateNl(original)} (instelling OCMW_FORWARDED_REQUEST_CLOCKS=receipt; [U] nog te bevestigen).`;
      await addToTimeline(tx, { dossierId: dossier.id, key: 'forwarded-request-clocks', at: new Date(), type: 'request-date', description: why, data: { requestDate, receivedOn: body.occurredOn, originalRequestDate: original ?? null, clocks: this.config.forwardedRequestClocks } });
    }
    const recorded = await this.insertEvent(tx, actor, dossier, body, source, true);
    // The workflow is started before its first event is delivered (the outbox keeps a dossier's rows in order).
    return { ...recorded, outboxIds: [opened.outboxId, ...recorded.outboxIds] };
  }

  private async insertEvent(tx: EntityManager, actor: AuthUser, dossier: DossierEntity, body: RecordEvent, source: EventSource, openedDossier: boolean): Promise<Recorded> {
    // A decision recorded as an event (an LOI sanction) needs its own permission on the dossier's team (403 without it).
    const permission = eventKindOf(dossier.procedure, body.type)?.permission;
    if (permission) authorize(actor, permission, { team: dossier.team }, 'Dossier');
    const reference = body.reference ?? null;
    if (reference !== null) {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_EVENT, `event:${dossier.id}:${body.type}:${reference}`]);
      const existing = await tx.findOneBy(ExternalEventEntity, { dossierId: dossier.id, type: body.type, reference });
      if (existing) return { event: existing, created: false, outboxIds: [] };
    }
    const event = await tx.save(
      tx.create(ExternalEventEntity, {
        dossierId: dossier.id, procedure: dossier.procedure, type: body.type, occurredOn: body.occurredOn, reference, data: body.data, openedDossier, source, recordedBy: actor.id,
      }),
    );
    await audit(tx, actor, 'dossier.event-recorded', {
      dossierId: dossier.id, personId: dossier.personId, details: { eventId: event.id, type: event.type, reference, source, openedDossier },
    });
    const payload: ExternalEventInput = {
      eventId: event.id, type: event.type, occurredOn: event.occurredOn, reference, data: event.data, recordedBy: actor.id,
    };
    const outboxId = await enqueueForWorkflow(tx, { dossierId: dossier.id, workflowId: dossier.workflowId, message: 'externalEvent', payload: { ...payload } });
    return { event, created: true, outboxIds: [outboxId] };
  }

  /** Line by line, before anything is stored: the same checks as the single routes. */
  private async lineErrors(actor: AuthUser, line: ImportLine): Promise<SchemaError[]> {
    if (line.kind === 'intake') {
      const errors = this.intakeErrors(line.event);
      const person = line.event.person as { personId?: string };
      if (errors.length === 0 && person.personId) {
        const found = await this.dataSource.getRepository(PersonEntity).findOneBy({ id: person.personId });
        if (!found || found.mergedInto) errors.push({ path: '/person/personId', code: found ? 'merged' : 'not-found', message: found ? `was merged into ${found.mergedInto}` : 'is not a registered person' });
      }
      return errors;
    }
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ id: line.dossierId });
    if (!dossier || decide(actor, 'event:record', { team: dossier.team }) !== 'allow') return [{ path: '/dossierId', code: 'not-found', message: 'is not a dossier of your team' }];
    if (dossier.closedAt) return [{ path: '/dossierId', code: 'closed', message: 'is a closed dossier: no event reaches it any more' }];
    const refused = eventRefusedInStatus(dossier.procedure, dossier.status, line.event.type);
    if (refused) return [{ path: '/event/type', code: 'winding-up', message: refused }];
    return validateExternalEvent(dossier.procedure, line.event.type, line.event.data, this.today());
  }

  /** After the commit: each row in turn (a dossier's later row waits for its earlier one); what fails stays for the relay. */
  private async deliverInOrder(ids: string[]): Promise<boolean> {
    let all = true;
    for (const id of ids) all = (await this.outbox.deliverNow([id])).delivered === 1 && all;
    return all;
  }

  private async answer(recorded: Recorded) {
    const delivered = recorded.outboxIds.length > 0 ? await this.deliverInOrder(recorded.outboxIds) : undefined;
    return { created: recorded.created, body: { ...eventView(recorded.event), duplicate: !recorded.created, ...(delivered === undefined ? {} : { delivered }) } };
  }
}

function throwIfInvalid(errors: SchemaError[]): void {
  if (errors.length > 0) throw new ValidationError(errors, 'The event is not valid');
}

function eventView(e: ExternalEventEntity) {
  return {
    id: e.id,
    dossierId: e.dossierId,
    procedure: e.procedure,
    type: e.type,
    title: eventKindOf(e.procedure, e.type)?.title ?? e.type,
    occurredOn: e.occurredOn,
    reference: e.reference,
    data: e.data,
    openedDossier: e.openedDossier,
    source: e.source,
    recordedBy: e.recordedBy,
    recordedAt: e.recordedAt,
  };
}

const atLine = (line: number, e: SchemaError): SchemaError => ({ ...e, path: `/lines/${line}${e.path}` });

function importRefused(found: SchemaError[]): ApiError {
  const lineOf = (e: SchemaError) => Number(/^\/lines\/(\d+)/.exec(e.path)?.[1] ?? 0);
  // In the file's order (a stable sort keeps each line's errors as they were found).
  const errors = [...found].sort((a, b) => lineOf(a) - lineOf(b));
  const lines = [...new Set(errors.map(lineOf).filter((n) => n > 0))];
  return new ApiError(400, `The import file is not valid (lines ${lines.join(', ') || '–'}): nothing was recorded`, { errors, badLines: lines });
}

function apiErrorsOf(err: ApiError): SchemaError[] {
  const listed = (err.extra as { errors?: SchemaError[] }).errors;
  return listed?.length ? listed : [{ path: '', code: err.statusCode === 409 ? 'conflict' : err.statusCode === 404 ? 'not-found' : 'refused', message: err.message }];
}

/** JSON lines: one object a line, numbered from 1; blank lines are skipped (and counted). */
function parseLines(content: string, today: string): (ImportLine | { line: number; errors: SchemaError[] })[] {
  const out: (ImportLine | { line: number; errors: SchemaError[] })[] = [];
  content.split(/\r?\n/).forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      out.push({ line, errors: [{ path: '', code: 'json', message: 'is not a JSON object' }] });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.push({ line, errors: [{ path: '', code: 'json', message: 'is not a JSON object' }] });
      return;
    }
    const obj = value as Record<string, unknown>;
    if ('dossierId' in obj) {
      const errors = validateSchema(IMPORT_DOSSIER_LINE, obj, { today });
      if (errors.length > 0) out.push({ line, errors });
      else {
        const { dossierId, ...event } = obj as unknown as { dossierId: string } & RecordEvent;
        out.push({ line, kind: 'dossier', dossierId, event });
      }
    } else if ('procedure' in obj) {
      const errors = validateSchema(INTAKE_EVENT, obj, { today });
      if (errors.length > 0) out.push({ line, errors });
      else out.push({ line, kind: 'intake', event: obj as unknown as IntakeEvent });
    } else {
      out.push({ line, errors: [{ path: '', code: 'line-kind', message: 'must name a dossierId (an event for a dossier) or a procedure (an intake)' }] });
    }
  });
  return out;
}
