import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { CreditorLetterRecord, CreditorLetterStatus } from '../../activities/debt-mediation/debt-mediation.activities';
import { addDays, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { checkCreditorLetterData, CreditorAnswer, creditorLetterSubject, isCreditorRequestTemplate } from '../../libs/notices/creditor-letters';
import type { SchemaError } from '../../libs/validation/schema';
import type { Dossier } from './dossier-runtime';
import { ExternalEventInput, TASK_FAILURES } from './dossier.messages';
import { CreditorLetterRequest, creditorLetterRequestedUpdate } from './party-correspondence.messages';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The external event kind of an answer (the procedure's definition declares it; its host takes it: takesEvents). */
export const CREDITOR_ANSWER_EVENT = 'creditor-answer';
const NO_ANSWER_TASK = 'creditor-no-answer';
const REMINDER_TEMPLATE = 'creditor-reminder';

/** How many finished letters (answered, or followed up) a dossier keeps in its state and hand-over: a late answer still finds them. */
export const REMEMBERED_FINISHED_LETTERS = 100;
/** How many answers to a letter the dossier does not know it keeps (the most recent): a letter sent later under that key takes its answer. */
export const REMEMBERED_UNMATCHED_ANSWERS = 50;

/** Where a letter stands: `sending` until it is issued and recorded, then its windows, `closed` once followed up without answer. */
type Phase = 'sending' | 'awaiting' | 'reminded' | 'no-answer' | 'answered' | 'closed';

export interface LetterAnswer {
  eventId: string;
  answer: CreditorAnswer;
  /** The day of the creditor's answer (the event's occurredOn). */
  answeredOn: IsoDate;
  amountCents?: number;
  note?: string;
}

/** A letter as the dossier holds it and hands it over: absolute dates, so a new run's timers end when the old ones would have. */
export interface CarriedLetter {
  key: string;
  partyId: string;
  debtId: string | null;
  template: string;
  subject: string;
  /** The template's own fields (amounts, the court order): no personal data (the activity adds the debtor). */
  data: Record<string, unknown>;
  phase: Phase;
  sentOn: IsoDate;
  answerDue: IsoDate;
  reminderOn?: IsoDate;
  reminderAnswerDue?: IsoDate;
  answer?: LetterAnswer;
  /** The answer is recorded in the read model (an answer taken just before a hand-over is recorded by the next run). */
  answerRecorded?: boolean;
  followUp?: { action: 'called' | 'resend' | 'close'; note: string };
}

export interface UnmatchedAnswer extends LetterAnswer {
  letterKey: string;
}

/** What PartyCorrespondence hands to the next run (continue-as-new). */
export interface CorrespondenceCarry {
  letters: CarriedLetter[];
  unmatched: UnmatchedAnswer[];
}

export interface CorrespondenceOptions {
  /** Calendar days a party has to answer, counted from the letter and again from the reminder (OCMW_CREDITOR_ANSWER_DAYS). */
  answerDays: () => number;
}

/** A letter to send: `key` is its business name (e.g. 'statement-request:<debtId>:<partyId>'), never a counter. */
export interface PartyLetter {
  key: string;
  partyId: string;
  debtId?: string | null;
  template: string;
  data: Record<string, unknown>;
  /** Dutch: how the read model and the reminder name the letter. */
  subject: string;
}

/**
 * Letters to the parties of a dossier that expect an answer (domain §3.1 step 4: creditors, and the bailiffs and
 * collection agencies collecting for them get the same letters). Each letter is issued to its party and recorded in
 * the read model (creditor_letters); it then has `answerDays` calendar days: without an answer by the end of that
 * day, ONE reminder (key `<key>:reminder`) with a new window of `answerDays` from the reminder; without an answer
 * then, the task 'creditor-no-answer' (key: the letter's key) for the social worker. An answer — the external event
 * 'creditor-answer', taken by this class alone — stops the watch at any moment: no reminder after it, an open task
 * is cancelled. The state is handed over across continue-as-new with absolute dates (handOver / the carried input).
 *
 * The host (a procedure workflow) constructs it once per run, calls run() at the run's start, declares
 * 'creditor-answer' in DossierOptions.takesEvents, and puts handOver() into its continue-as-new input.
 */
export class PartyCorrespondence {
  private readonly letters = new Map<string, CarriedLetter>();
  private readonly unmatched: UnmatchedAnswer[];
  /** The keys of the letters the previous run handed over: run() resumes their watches (send() starts its own). */
  private readonly carriedKeys: string[];
  private running = false;

  constructor(
    private readonly dossier: Dossier,
    private readonly options: CorrespondenceOptions,
    carried?: CorrespondenceCarry,
  ) {
    for (const l of carried?.letters ?? []) this.letters.set(l.key, { ...l });
    this.carriedKeys = [...this.letters.keys()];
    this.unmatched = [...(carried?.unmatched ?? [])].slice(-REMEMBERED_UNMATCHED_ANSWERS);
    // Registering it issues no command: histories without the Update replay unchanged.
    setHandler(creditorLetterRequestedUpdate, (request) => this.requested(request), { validator: (request) => validateRequest(request) });
  }

  /** Takes the answers (for the whole run) and resumes the watches handed over: call once, at the start of the run. */
  run(): void {
    if (this.running) return;
    this.running = true;
    void this.dossier.supervise('creditor-answers', 'het verwerken van antwoorden van schuldeisers', async () => {
      for (;;) await this.receive(await this.dossier.waitForEvent(CREDITOR_ANSWER_EVENT));
    });
    for (const letter of this.carriedKeys.map((k) => this.letters.get(k)!)) {
      if (letter.phase === 'answered' && !letter.answerRecorded) void this.dossier.supervise(`creditor-letter:${letter.key}`, LABEL, () => this.recordAnswer(letter));
      else if (letter.phase !== 'answered' && letter.phase !== 'closed') this.follow(letter);
    }
  }

  /**
   * Issues the letter to its party and records it (once per key: a known key changes nothing), then watches its answer
   * window in the background. A letter the activity refuses (the party not linked, no address) is escalated to the
   * team lead by the dossier and not watched.
   */
  async send(letter: PartyLetter): Promise<void> {
    if (this.letters.has(letter.key)) return;
    const sentOn = this.dossier.today();
    const held: CarriedLetter = {
      key: letter.key, partyId: letter.partyId, debtId: letter.debtId ?? null, template: letter.template, subject: letter.subject,
      data: letter.data, phase: 'sending', sentOn, answerDue: addDays(sentOn, this.options.answerDays()),
    };
    this.letters.set(held.key, held);
    // An answer that arrived before its letter (recorded meanwhile under this key) is taken at once.
    const early = this.unmatched.findIndex((a) => a.letterKey === held.key);
    if (early >= 0) {
      const [{ letterKey: _key, ...answer }] = this.unmatched.splice(early, 1);
      held.answer = answer;
    }
    if (!(await this.issue(held))) return;
    this.follow(held);
  }

  /** What the next run carries: the letters still watched, the most recent finished ones, the unmatched answers. */
  handOver(): CorrespondenceCarry {
    const all = [...this.letters.values()];
    const finished = all.filter((l) => l.phase === 'answered' || l.phase === 'closed').slice(-REMEMBERED_FINISHED_LETTERS);
    const open = all.filter((l) => l.phase !== 'answered' && l.phase !== 'closed');
    return { letters: [...open, ...finished].map((l) => ({ ...l })), unmatched: this.unmatched.map((a) => ({ ...a })) };
  }

  /** The letters as the workflow holds them (a query for the host, or a test). */
  view(): { key: string; status: string; answerDue: IsoDate; reminderAnswerDue?: IsoDate }[] {
    return [...this.letters.values()].map((l) => ({ key: l.key, status: l.phase, answerDue: l.answerDue, reminderAnswerDue: l.reminderAnswerDue }));
  }

  private requested(request: CreditorLetterRequest): { status: string; outcome: 'accepted' | 'duplicate' } {
    if (this.letters.has(request.key)) return { status: this.dossier.status, outcome: 'duplicate' };
    const subject = creditorLetterSubject(request.template);
    void this.dossier.supervise(`creditor-letter:${request.key}`, LABEL, () =>
      this.send({ key: request.key, partyId: request.partyId, debtId: request.debtId, template: request.template, data: request.data, subject }),
    );
    return { status: this.dossier.status, outcome: 'accepted' };
  }

  /** The `sending` phase: the letter (idempotent on its key, so a run that takes it over may issue it again) and its row. */
  private async issue(letter: CarriedLetter): Promise<boolean> {
    const issued = await this.dossier.attempt('brief aan een schuldeiser', () =>
      acts.issueLetter({
        dossierId: this.dossier.input.dossierId,
        key: letter.key,
        template: letter.template,
        data: { ...letter.data, date: letter.sentOn, answerBy: letter.answerDue },
        delivery: { mode: 'letter' },
        recipient: { partyId: letter.partyId },
      } as never),
    );
    if (!issued) {
      // Refused for good (escalated): nothing was sent, nothing to watch. A new request may try again under another key.
      this.letters.delete(letter.key);
      return false;
    }
    if (letter.answer) {
      letter.phase = 'answered';
      await this.recordAnswer(letter);
      return false;
    }
    letter.phase = 'awaiting';
    await this.record(letter, 'awaiting');
    return true;
  }

  /** Watches the letter from where it stands; supervised: a failure reaches the team lead, the dossier goes on. */
  private follow(letter: CarriedLetter): void {
    void this.dossier.supervise(`creditor-letter:${letter.key}`, LABEL, () => this.watch(letter));
  }

  private async watch(letter: CarriedLetter): Promise<void> {
    if (letter.phase === 'sending' && !(await this.issue(letter))) return;
    if (letter.phase === 'awaiting') {
      if (await this.answeredBefore(letter, letter.answerDue)) return;
      const reminderOn = this.dossier.today();
      const reminderAnswerDue = addDays(reminderOn, this.options.answerDays());
      const reminded = await this.dossier.attempt('herinnering aan een schuldeiser', () =>
        acts.issueLetter({
          dossierId: this.dossier.input.dossierId,
          key: `${letter.key}:reminder`,
          template: REMINDER_TEMPLATE,
          data: {
            ...(typeof letter.data.fileNumber === 'string' ? { fileNumber: letter.data.fileNumber } : {}),
            date: reminderOn, answerBy: reminderAnswerDue, firstLetterDate: letter.sentOn, firstLetterSubject: letter.subject,
          },
          delivery: { mode: 'letter' },
          reminderOf: letter.key,
          recipient: { partyId: letter.partyId },
        } as never),
      );
      if (isAnswered(letter)) return;
      if (reminded) {
        letter.reminderOn = reminderOn;
        letter.reminderAnswerDue = reminderAnswerDue;
        letter.phase = 'reminded';
        await this.record(letter, 'reminded');
      } else {
        // The reminder was refused (escalated): the social worker takes it up now instead of after a second window.
        letter.phase = 'no-answer';
      }
    }
    if (letter.phase === 'reminded') {
      if (await this.answeredBefore(letter, letter.reminderAnswerDue!)) return;
      letter.phase = 'no-answer';
    }
    if (letter.phase !== 'no-answer') return;
    await this.record(letter, 'no-answer');
    // Cancelled when the answer arrives (receive): the step then ends there, this watch with it.
    const outcome = await this.dossier.task(NO_ANSWER_TASK, { key: letter.key });
    if (isAnswered(letter)) return;
    letter.followUp = { action: outcome.action, note: outcome.note };
    letter.phase = 'closed';
    await this.record(letter, 'no-answer');
    if (outcome.action === 'resend') {
      // The same letter again, as a new letter with its own window: its key names the letter and the day.
      await this.send({ ...letter, key: `${letter.key}:resend-${outcome.completedOn}` });
    }
  }

  /**
   * A durable timer until the end of the window's last day (the dossier's time zone), woken early by an answer. The
   * window is an absolute date: a run that took the letter over waits for the same instant, never a fresh window.
   */
  private async answeredBefore(letter: CarriedLetter, due: IsoDate): Promise<boolean> {
    const ms = startOfDay(addDays(due, 1), this.dossier.settings.timeZone) - Date.now();
    if (ms > 0) await condition(() => isAnswered(letter), ms);
    return isAnswered(letter);
  }

  /** An answer event: the letter it names stops being watched (an open no-answer task is cancelled) and shows the answer. */
  private async receive(event: ExternalEventInput): Promise<void> {
    const data = event.data as { letterKey: string; answer: CreditorAnswer; amountCents?: number; note?: string };
    const answer: LetterAnswer = {
      eventId: event.eventId, answer: data.answer, answeredOn: event.occurredOn,
      ...(data.amountCents !== undefined ? { amountCents: data.amountCents } : {}), ...(data.note !== undefined ? { note: data.note } : {}),
    };
    const letter = this.letters.get(data.letterKey);
    if (!letter) {
      // Not a letter of this dossier (yet): on the timeline already (the runtime wrote it); kept for a letter sent later under that key.
      this.unmatched.push({ letterKey: data.letterKey, ...answer });
      this.unmatched.splice(0, Math.max(0, this.unmatched.length - REMEMBERED_UNMATCHED_ANSWERS));
      return;
    }
    // The letter sent again after no answer (resend) is answered by an answer to the first one too.
    const resent = [...this.letters.values()].filter((l) => l.key.startsWith(`${letter.key}:resend-`) && !isAnswered(l));
    for (const answered of [letter, ...resent]) await this.answered(answered, answer);
  }

  private async answered(letter: CarriedLetter, answer: LetterAnswer): Promise<void> {
    if (letter.answer?.eventId === answer.eventId) return;
    const taskOpen = letter.phase === 'no-answer';
    const sending = letter.phase === 'sending';
    letter.answer = answer;
    letter.answerRecorded = false;
    if (sending) return; // issue() records it once the letter is out
    letter.phase = 'answered';
    await this.recordAnswer(letter);
    if (taskOpen) await this.dossier.cancelTask(NO_ANSWER_TASK, letter.key, 'de schuldeiser heeft geantwoord');
  }

  private async recordAnswer(letter: CarriedLetter): Promise<void> {
    await this.record(letter, 'answered');
    letter.answerRecorded = true;
  }

  private async record(letter: CarriedLetter, status: CreditorLetterStatus): Promise<void> {
    const row: CreditorLetterRecord = {
      dossierId: this.dossier.input.dossierId,
      letterKey: letter.key,
      partyId: letter.partyId,
      debtId: letter.debtId,
      template: letter.template,
      subject: letter.subject,
      sentOn: letter.sentOn,
      answerDue: letter.answerDue,
      reminderOn: letter.reminderOn ?? null,
      reminderAnswerDue: letter.reminderAnswerDue ?? null,
      answeredOn: letter.answer?.answeredOn ?? null,
      answer: letter.answer?.answer ?? null,
      amountCents: letter.answer?.amountCents ?? null,
      answerNote: letter.answer?.note ?? null,
      followUp: letter.followUp?.action ?? null,
      followUpNote: letter.followUp?.note ?? null,
      status,
    };
    await this.dossier.activity(() => acts.recordCreditorLetter(row));
  }
}

const LABEL = 'de opvolging van een brief aan een schuldeiser';

function isAnswered(letter: CarriedLetter): boolean {
  return letter.answer !== undefined;
}

/** The Update's validator: the same checks as the API (libs/notices/creditor-letters.ts), refused as OutcomeInvalid (400). */
function validateRequest(request: CreditorLetterRequest): void {
  const errors: SchemaError[] = [];
  for (const key of ['key', 'partyId', 'requestedBy'] as const) {
    const value = request?.[key];
    if (typeof value !== 'string' || value === '' || value.length > 300) errors.push({ path: `/${key}`, code: 'type', message: 'must be a non-empty text' });
  }
  if (request?.debtId != null && (typeof request.debtId !== 'string' || request.debtId === '')) errors.push({ path: '/debtId', code: 'type', message: 'must be a debt id or null' });
  if (!isCreditorRequestTemplate(request?.template)) {
    errors.push({ path: '/template', code: 'enum', message: 'must be one of the letters to creditors (statement request, collection suspension, repayment proposal, CSR admissibility)' });
  } else {
    errors.push(...checkCreditorLetterData(request.template, request.data));
  }
  if (errors.length > 0) {
    throw ApplicationFailure.create({ type: TASK_FAILURES.validation, message: 'the letter request is not valid', details: [errors], nonRetryable: true });
  }
}
