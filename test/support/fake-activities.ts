import { ApplicationFailure } from '@temporalio/common';
import { assessHeatingRequest, DEFAULT_HEATING_SCALES } from '../../libs/domain/heating-allowance';
import { createPlacementActivities } from '../../activities/placement-costs/placement.activities';
import type { PocketMoneyVersion } from '../../libs/domain/placement-costs';
import { loadConfig } from '../../libs/config/config';
import type { Activities } from '../../activities';
import { PlanDeadlineInput, planWithEngine } from '../../activities/deadlines/deadline.activities';
import type { ScheduledItem, ScheduleItemInput } from '../../activities/council/council.activities';
import { pickSession, regularSessions } from '../../libs/council/sessions';
import { addDays } from '../../libs/deadlines/calendar-date';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';
import { createPaymentActivities } from '../../activities/payments/payment.activities';
import type { CreditorLetterRecord, CsrRecord, DebtCreditor } from '../../activities/debt-mediation/debt-mediation.activities';
import type { DossierSettings } from '../../activities/dossiers/dossier.activities';
import { DEFAULT_LEEFLOON_AMOUNTS, LeefloonAmountTable } from '../../libs/payments/amounts';
import { addWorkingDays } from '../../libs/deadlines/holidays';
import type { DeadlineRule } from '../../libs/deadlines/types';
import { clockTrigger, partnerForm } from '../../libs/partner-forms/registry';
import { validateSchema } from '../../libs/validation/schema';
import type { LoiAdultMembersInput, LoiLeefgeldInput } from '../../activities/loi/loi.activities';
import { DEFAULT_LOI_LEEFGELD_SCALE, loiWeeklyLeefgeld } from '../../libs/payments/loi-leefgeld';
import { DEMO_OCMW_DIRECTORY, ocmwDirectory } from '../../libs/domain/ocmw-directory';
import { explainCompetenceOutcome } from '../../libs/tasks/competence-check';
import { PAYMENT_KIND_LABELS, PaymentKind } from '../../libs/payments/payment-key';

/** The default house rules: a session every Tuesday, agenda closing 8 days before. */
const RULES = { rhythm: 'weekly' as const, weekday: 2, weekOfMonth: 2, anchorDate: '2026-01-06', noticeDays: 8 };

type Call = { name: keyof Activities; input: any };

export interface FakeOptions {
  /** The external event that opened the dossier (dossierOpenedBy); absent: opened by a request here. */
  openedBy?: { type: string; occurredOn: string; forwardingOcmw: string | null };
  /** The dated leefloon amounts (default: the built-in table). */
  amounts?: LeefloonAmountTable;
  /** The dated pocket money of placement costs (default: the built-in table). */
  pocketMoney?: readonly PocketMoneyVersion[];
  /** The client has no IBAN until a social worker records one (setPersonIban). */
  missingIbanUntilSet?: boolean;
  /** Parties with no IBAN (as PATCH /parties/:id would, a test deletes one from the set to record its account). */
  partiesWithoutIban?: Set<string>;
  /** openTask refuses (non-retryable) tasks of these kinds: a step that fails for good. */
  refuseTaskKinds?: string[];
  /** What dossierSettings answers (default: the built-in configuration). */
  settings?: Partial<DossierSettings>;
  /** The deadline catalogue planDeadline computes with (default: the built-in one); `useCatalogue` swaps it later. */
  catalogue?: DeadlineRule[];
  /** sendPartnerForm refuses the client as having no INSZ (national or BIS number) yet. */
  clientWithoutInsz?: boolean;
  /** What debtCreditors answers: the inventory's open debts as their creditor and collector parties (default none). */
  creditors?: DebtCreditor[];
  /**
   * What budgetAccountBalance answers, before the payments ordered from the account in this test are taken off (as the
   * real one counts them): the money that came in by `on`. Default: plenty (10 million euro).
   */
  budgetIncomingCents?: (on: string) => number;
  /**
   * The LOI household on a day (the applicant and the members whose membership runs that day), as loiWeeklyLeefgeld
   * reads it from dossier_persons (default: one adult).
   */
  loiResidents?: (day: string) => { birthDate: string }[];
  /** The household's adults besides the applicant (person ids), as loiAdultMembers reads them (default: none). */
  loiAdultMembers?: string[];
  /** The households still in a closing LOI place at each check, in order (default: none). */
  loiPlaceOccupants?: number[];
  /** The parties linked as maintenance debtors, in order, as dossierPartiesInRole reads them (default: none). */
  maintenanceDebtors?: string[];
}

/** In-memory activities for workflow tests: they record every call, as the read model would see it. */
export function fakeActivities(options: FakeOptions = {}) {
  // The payment activities that only compute (no database): leefloonAmount, planLeefloonPayments, monthlyLeefloonPayment.
  const pureLeefloon = createPaymentActivities({ dataSource: undefined as never, amounts: options.amounts ?? DEFAULT_LEEFLOON_AMOUNTS });
  let hasIban = !options.missingIbanUntilSet;
  let catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
  const calls: Call[] = [];
  const scheduledItems: ScheduledItem[] = [];
  // Like the tables, keyed on the business key: the same key gives back the same row (and never a new id).
  const paymentsByKey = new Map<string, string>();
  const itemsByKey = new Map<string, ScheduledItem>();
  const formsByKey = new Map<string, string>();
  const messagesByRef = new Map<string, string>();
  const creditorLetters = new Map<string, CreditorLetterRecord>();
  const csrFiles = new Map<string, CsrRecord>();
  // loi_place_periods is unique on (place, dossier, state, from).
  const placePeriods = new Set<string>();
  const linkedByKey = new Map<string, { dossierId: string; reference: string; workflowId: string; linkId: string; existing: boolean }>();
  const record = (name: keyof Activities) => async (input: unknown) => {
    calls.push({ name, input });
  };
  const placement = createPlacementActivities({ config: loadConfig({}), pocketMoney: options.pocketMoney });
  const activities: Activities = {
    recordDossierEvent: record('recordDossierEvent'),
    dossierSettings: async (input) => {
      calls.push({ name: 'dossierSettings', input });
      // This OCMW is Gent (44021), the configuration's default.
      return { warningDays: 7, payday: 1, documentReminderDays: 14, partnerReminderDays: 30, leefgeldWeekday: 1, evaluationMonths: 3, creditorAnswerDays: 21, instalmentGraceDays: 10, ocmwNisCode: '44021', ...options.settings };
    },
    // Like the table: the event that opened the dossier, when a test says one did.
    dossierOpenedBy: async (input) => {
      calls.push({ name: 'dossierOpenedBy', input });
      return options.openedBy ?? null;
    },
    // Like the table: each payment ordered once per key, paid on its due date (finance executes every batch on time),
    // so a payment counts once its due date has come and lies in the period.
    reimbursableCosts: async (input) => {
      calls.push({ name: 'reimbursableCosts', input });
      const byKey = new Map<string, { kind: string; period: string; amountCents: number; dueDate: string }>();
      for (const c of calls) if (c.name === 'orderPayment' && c.input.dossierId === input.dossierId && c.input.kind !== 'instalment') byKey.set(`${c.input.kind}:${c.input.payee?.partyId ?? 'client'}:${c.input.period}:${c.input.debtRef ?? ''}`, c.input);
      const cancelled = calls.filter((c) => c.name === 'cancelFuturePayments' && c.input.dossierId === input.dossierId).map((c) => c.input.fromPeriod as string);
      return [...byKey.values()]
        .filter((p) => p.dueDate >= input.from && p.dueDate <= input.to && !cancelled.some((from) => p.period >= from))
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
        .map((p) => ({ description: `${PAYMENT_KIND_LABELS[p.kind as PaymentKind]} ${p.period}`, amountCents: p.amountCents, paidOn: p.dueDate }));
    },
    // The real assessment (pure) over the payments this fake ordered: as the table, the other heating allowance
    // dossiers' allowances of the delivery's year count (the fake has one person, so every other dossier is theirs).
    // The real computations with the built-in configuration (top-up 0, the default savings ceilings): read-only, like the real ones.
    assessPlacementCosts: async (input) => {
      calls.push({ name: 'assessPlacementCosts', input });
      return placement.assessPlacementCosts(input);
    },
    placementSavingsExcess: async (input) => {
      calls.push({ name: 'placementSavingsExcess', input });
      return placement.placementSavingsExcess(input);
    },
    maintenanceContribution: async (input) => {
      calls.push({ name: 'maintenanceContribution', input });
      return placement.maintenanceContribution(input);
    },
    // Like the table: the parties linked in the role (only maintenance debtors are faked), their ids in order.
    dossierPartiesInRole: async (input) => {
      calls.push({ name: 'dossierPartiesInRole', input });
      return input.role === 'maintenance-debtor' ? [...(options.maintenanceDebtors ?? [])] : [];
    },
    placementSettlement: async (input) => {
      calls.push({ name: 'placementSettlement', input });
      return placement.placementSettlement(input);
    },
    assessHeatingAllowance: async (input) => {
      calls.push({ name: 'assessHeatingAllowance', input });
      const year = input.facts.deliveryDate.slice(0, 4);
      const earlier = calls.filter((c) => c.name === 'orderPayment' && c.input.dossierId !== input.dossierId && c.input.computation?.heatingYear === year).map((c) => c.input.computation);
      const soFar = { bulkLitres: earlier.reduce((n, c) => n + Number(c.litresCounted ?? 0), 0), pump: earlier.some((c) => c.pump === true) };
      return assessHeatingRequest(DEFAULT_HEATING_SCALES, input.facts, soFar);
    },
    ocmwNames: async (input) => {
      const directory = ocmwDirectory(DEMO_OCMW_DIRECTORY);
      return Object.fromEntries(input.nisCodes.map((nis) => [nis, directory.get(nis)?.name ?? `het OCMW met NIS-code ${nis}`]));
    },
    // The real explanation, the OCMWs named by the demo directory (what an OCMW without an import file has).
    explainCompetence: async (input) => {
      calls.push({ name: 'explainCompetence', input });
      const directory = ocmwDirectory(DEMO_OCMW_DIRECTORY);
      return explainCompetenceOutcome(input.outcome, input.requestDate, options.settings?.ocmwNisCode ?? '44021', (nis) => directory.get(nis)?.name);
    },
    openTask: async (input) => {
      if (options.refuseTaskKinds?.includes(input.kind)) throw ApplicationFailure.nonRetryable(`task kind ${input.kind} refused (test)`, 'TestRefusal');
      calls.push({ name: 'openTask', input });
    },
    recordTaskCompletion: record('recordTaskCompletion'),
    recordReferralFollowUp: record('recordReferralFollowUp'),
    budgetAccountBalance: async (input) => {
      calls.push({ name: 'budgetAccountBalance', input });
      const incomingCents = options.budgetIncomingCents?.(input.on) ?? 1_000_000_000;
      // Like the table: every order from a named debtor account, once per payment key, counts (orderPayment is idempotent).
      const ordered = new Map<string, number>();
      for (const c of calls) if (c.name === 'orderPayment' && c.input.dossierId === input.dossierId && c.input.debtorAccount) ordered.set(`${c.input.kind}:${c.input.payee?.partyId ?? 'client'}:${c.input.period}:${c.input.debtRef ?? ''}`, c.input.amountCents);
      const orderedCents = [...ordered.values()].reduce((a, b) => a + b, 0);
      return { iban: 'BE68539007547034', incomingCents, otherOutgoingCents: 0, orderedCents, balanceCents: incomingCents - orderedCents };
    },
    // creditor_letters is unique on (dossier, letter key): like the table, a fact once stored is kept and the status never goes back.
    recordCreditorLetter: async (input) => {
      calls.push({ name: 'recordCreditorLetter', input });
      const key = `${input.dossierId}:${input.letterKey}`;
      const before = creditorLetters.get(key);
      const rank = (s: string) => ['awaiting', 'reminded', 'no-answer', 'answered'].indexOf(s);
      const row = before
        ? {
            ...before,
            reminderOn: before.reminderOn ?? input.reminderOn ?? null,
            reminderAnswerDue: before.reminderAnswerDue ?? input.reminderAnswerDue ?? null,
            ...(input.answer ? { answeredOn: input.answeredOn ?? null, answer: input.answer, amountCents: input.amountCents ?? null, answerNote: input.answerNote ?? null } : {}),
            followUp: input.followUp ?? before.followUp ?? null,
            followUpNote: input.followUpNote ?? before.followUpNote ?? null,
            status: rank(input.status) >= rank(before.status) ? input.status : before.status,
          }
        : { ...input };
      creditorLetters.set(key, row);
      return { status: row.status };
    },
    debtCreditors: async (input) => {
      calls.push({ name: 'debtCreditors', input });
      return options.creditors ?? [];
    },
    // Like csr_files / csr_claims: the latest record per dossier, a claim row per creditor kept once written.
    recordCollectiveSettlement: async (input) => {
      calls.push({ name: 'recordCollectiveSettlement', input });
      const previous = csrFiles.get(input.dossierId);
      const claims = new Map((previous?.claims ?? []).map((c) => [c.partyId, c]));
      for (const c of input.claims) claims.set(c.partyId, c);
      csrFiles.set(input.dossierId, { ...input, claims: [...claims.values()] });
    },
    cancelTask: record('cancelTask'),
    startDeadline: record('startDeadline'),
    // The real engine and catalogue (pure code): the workflow's timers follow real due dates.
    planDeadline: async (input: PlanDeadlineInput) => {
      calls.push({ name: 'planDeadline', input });
      return planWithEngine(catalogue, input);
    },
    // The real computation (pure) over the fake's household: only the read of dossier_persons is faked.
    loiWeeklyLeefgeld: async (input: LoiLeefgeldInput) => {
      calls.push({ name: 'loiWeeklyLeefgeld', input });
      const residents = options.loiResidents?.(input.day) ?? [{ birthDate: '1990-01-01' }];
      const week = loiWeeklyLeefgeld(DEFAULT_LOI_LEEFGELD_SCALE, input.day, residents, input.selfCatering);
      return { amountCents: week.amountCents, text: `Leefgeld LOI: ${week.text}`, persons: residents.length, scaleValidFrom: week.validFrom };
    },
    // The households still in a closing place after its last day (default: none; `loiPlaceOccupants` gives them per check).
    loiPlaceOccupants: async (input) => {
      calls.push({ name: 'loiPlaceOccupants', input });
      const n = calls.filter((c) => c.name === 'loiPlaceOccupants').length;
      const households = options.loiPlaceOccupants?.[n - 1] ?? 0;
      return { households, persons: households * 2 };
    },
    loiAdultMembers: async (input: LoiAdultMembersInput) => {
      calls.push({ name: 'loiAdultMembers', input });
      return { personIds: [...(options.loiAdultMembers ?? [])] };
    },
    // The LOI places (loi_place_periods): recorded; the activities' own idempotency is tested on PostgreSQL.
    occupyPlace: async (input) => {
      calls.push({ name: 'occupyPlace', input });
      const key = `occupied:${input.placeId}:${input.dossierId}:${input.from}`;
      const created = !placePeriods.has(key);
      placePeriods.add(key);
      return { created };
    },
    releasePlace: async (input) => {
      calls.push({ name: 'releasePlace', input });
      return { released: [...placePeriods].some((k) => k.startsWith(`occupied:${input.placeId}:${input.dossierId}:`)) };
    },
    suspendPlace: async (input) => {
      calls.push({ name: 'suspendPlace', input });
      const key = `suspended:${input.placeId}:${input.dossierId ?? ''}:${input.from}`;
      const created = !placePeriods.has(key);
      placePeriods.add(key);
      return { created };
    },
    setDeadlineStatus: record('setDeadlineStatus'),
    raiseEscalation: record('raiseEscalation'),
    recordNotice: record('recordNotice'),
    recordCouncilDecision: record('recordCouncilDecision'),
    // The real session calendar and agenda pick (pure code), in memory.
    scheduleAgendaItem: async (input: ScheduleItemInput) => {
      calls.push({ name: 'scheduleAgendaItem', input });
      // agenda_items is unique on (dossier, key): a repeated key answers the item scheduled first, decided or not.
      const existing = itemsByKey.get(`${input.dossierId}:${input.key}`);
      if (existing) return existing;
      const from = input.after && input.after >= input.today ? addDays(input.after, 1) : input.today;
      const pick = pickSession(regularSessions(RULES, from, addDays(from, 60)), input.today, input.decisionDue)!;
      const item = {
        itemId: `item-${input.key}-${itemsByKey.size + 1}`,
        meetingId: `meeting-${pick.session.date}`,
        sessionDate: pick.session.date,
        time: '19:00',
        place: 'Raadzaal',
        cutoffDate: pick.session.cutoffDate,
        urgent: pick.urgent,
      };
      scheduledItems.push(item);
      itemsByKey.set(`${input.dossierId}:${input.key}`, item);
      return item;
    },
    // Payments: orders recorded in memory; amounts and schedules from the real pure code (built-in table, payday 1).
    // Like the payments table: unique on (dossier, payment key); the same key answers the payment ordered first.
    orderPayment: async (input) => {
      // As the real activity: the client's IBAN for the client, the party's own (or the order's account) for a party.
      if (input.payee ? !input.payee.iban && options.partiesWithoutIban?.has(input.payee.partyId) : !hasIban) return { missingIban: true };
      calls.push({ name: 'orderPayment', input });
      const key = `${input.dossierId}:${input.kind}:${input.payee?.partyId ?? 'client'}:${input.period}:${input.debtRef ?? ''}`;
      const created = !paymentsByKey.has(key);
      if (created) paymentsByKey.set(key, `payment-${paymentsByKey.size + 1}`);
      return { paymentId: paymentsByKey.get(key)!, created, status: 'due' };
    },
    // dossier_links is unique on (from dossier, link key): the same key answers the dossier opened first.
    openLinkedDossier: async (input) => {
      calls.push({ name: 'openLinkedDossier', input });
      const key = `${input.fromDossierId}:${input.linkKey}`;
      if (!linkedByKey.has(key)) {
        const n = linkedByKey.size + 1;
        linkedByKey.set(key, { dossierId: `linked-${n}`, reference: `LL-${input.requestDate.slice(0, 4)}-${String(900000 + n)}`, workflowId: `dossier-linked-${n}`, linkId: `link-${n}`, existing: false });
      }
      return linkedByKey.get(key)!;
    },
    snapshotWorkload: async (input) => {
      calls.push({ name: 'snapshotWorkload', input });
      return { day: input.day, written: 0 };
    },
    setPersonIban: async (input) => {
      calls.push({ name: 'setPersonIban', input });
      hasIban = true;
    },
    // Notices: recorded; the notification date and appeal end from the real rules (registered: +3 working days).
    issueLetter: async (input) => {
      calls.push({ name: 'issueLetter', input });
      return { noticeId: `notice-${input.key}` };
    },
    recordDelivery: async (input) => {
      calls.push({ name: 'recordDelivery', input });
      const notifiedOn = input.postedOn ? addWorkingDays(input.postedOn, 3) : (input.signedOn ?? input.sentOn)!;
      const appeal = planWithEngine(DEFAULT_CATALOGUE, { dossierId: input.dossierId, key: 'appeal', team: 'demo', ruleId: 'LL-10', triggerDate: notifiedOn, warningDays: 7, timeZone: 'Europe/Brussels' });
      return { noticeId: `notice-${input.key}`, notifiedOn, appealUntil: appeal.dueDate ?? undefined };
    },
    queuePartnerMessage: async (input) => {
      calls.push({ name: 'queuePartnerMessage', input });
      // partner_messages is unique on (dossier, kind, partnerRef).
      const ref = `${input.dossierId}:${input.kind}:${input.partnerRef}`;
      const created = !messagesByRef.has(ref);
      if (created) messagesByRef.set(ref, messagesByRef.size === 0 ? `pm-${input.kind}` : `pm-${input.kind}-${messagesByRef.size + 1}`);
      return { partnerMessageId: messagesByRef.get(ref)!, created };
    },
    sendPodMiForm: async (input) => {
      calls.push({ name: 'sendPodMiForm', input });
      // One form per decision (its partnerRef names the decision date): the first B is pm-B, a later one pm-B-<date>.
      const ref = `${input.dossierId}:${input.form}:${input.decisionDate}`;
      const created = !formsByKey.has(ref);
      if (created) formsByKey.set(ref, [...formsByKey.keys()].some((k) => k.startsWith(`${input.dossierId}:${input.form}:`)) ? `pm-${input.form}-${input.decisionDate}` : `pm-${input.form}`);
      return { partnerMessageId: formsByKey.get(ref)!, dueDate: input.decisionDate, created };
    },
    // Any other registered form: validated like the activity (schema and rules, the client has an INSZ), once per reference.
    sendPartnerForm: async (input) => {
      calls.push({ name: 'sendPartnerForm', input });
      const form = partnerForm(input.formId);
      const problems = [...(form.check?.(input.content) ?? []), ...validateSchema(form.contentSchema, input.content).map((e) => `${e.path} ${e.message}`)];
      if (options.clientWithoutInsz) problems.push('the client has no national number (INSZ); ask KSZ for a BIS number');
      if (problems.length) throw ApplicationFailure.nonRetryable(`POD MI form ${form.code} refused: ${problems.join('; ')}`, 'PodMiFormInvalid');
      const ref = `${input.dossierId}:${form.kind}:${form.refOf(input.content)}`;
      const created = !formsByKey.has(ref);
      if (created) formsByKey.set(ref, `pm-${form.kind}-${form.refOf(input.content)}`);
      const trigger = clockTrigger(form, input.content);
      const dueDate = form.clock && trigger ? planWithEngine(catalogue, { dossierId: input.dossierId, key: 'form', team: 'demo', ruleId: form.clock.ruleId, triggerDate: trigger, warningDays: 0, timeZone: 'Europe/Brussels' }).dueDate : null;
      return { partnerMessageId: formsByKey.get(ref)!, dueDate, created };
    },
    cancelFuturePayments: async (input) => {
      calls.push({ name: 'cancelFuturePayments', input });
      return 0;
    },
    leefloonAmount: async (input) => {
      calls.push({ name: 'leefloonAmount', input });
      return pureLeefloon.leefloonAmount(input);
    },
    planLeefloonPayments: async (input) => {
      calls.push({ name: 'planLeefloonPayments', input });
      return pureLeefloon.planLeefloonPayments(input);
    },
    monthlyLeefloonPayment: async (input) => {
      calls.push({ name: 'monthlyLeefloonPayment', input });
      return pureLeefloon.monthlyLeefloonPayment(input);
    },
  };
  return {
    activities,
    calls,
    scheduled: () => scheduledItems,
    /** The collective debt settlement as csr_files / csr_claims would hold it. */
    csrFile: (dossierId: string) => csrFiles.get(dossierId),
    /** From now on planDeadline computes with `rules` (a corrected catalogue, as after a deployment). */
    useCatalogue: (rules: DeadlineRule[]) => {
      catalogue = rules;
    },
    /** The creditor_letters rows as the table would hold them, by letter key. */
    creditorLetter: (dossierId: string, letterKey: string) => creditorLetters.get(`${dossierId}:${letterKey}`),
    of: (name: keyof Activities) => calls.filter((c) => c.name === name).map((c) => c.input),
    /** The id queuePartnerMessage answered for (dossier, kind, partnerRef), as partner_messages holds it. */
    partnerMessageId: (dossierId: string, kind: string, partnerRef: string) => messagesByRef.get(`${dossierId}:${kind}:${partnerRef}`),
    openTasks: () => {
      // Completed or cancelled (the procedure moved on without it): no longer in the inbox.
      const completed = new Set(calls.filter((c) => c.name === 'recordTaskCompletion' || c.name === 'cancelTask').map((c) => c.input.taskId));
      return calls.filter((c) => c.name === 'openTask' && !completed.has(c.input.taskId)).map((c) => c.input);
    },
  };
}
