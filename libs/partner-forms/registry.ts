/**
 * The forms the OCMW sends to its partners, with their clocks (pure data: workflows, activities and the API read it).
 *
 * POD MI forms under the RMI-wet (B, C: art. 21 §6 RMI-wet, LL-5) and under the Wet 1965 (A, B1, B2, C, D1, D2, F:
 * state reimbursement of social aid, shared/domain/ocmw-procedures.md §2.1, §5.3; the 45-day term SA-6 is [U]:
 * configuration, OCMW_WET1965_FORM_DAYS). What B2, D2 and F carry follows the three kinds of reimbursed aid the domain
 * reference names — the decision on medical aid (B2), the claim of medical costs (D2), the housing costs of an
 * applicant for international protection taking up a first home (F, MB 30 januari 1995) — [U] their exact layout on the
 * FrontOffice: the fields are the facts POD MI needs, to check against its forms. There is no live KSZ link: a form goes to the partner outbox (partner_messages), exported per
 * partner through the API; the partner's acknowledgement is recorded there and reaches the dossier through the outbox.
 */
import type { IsoDate } from '../deadlines/calendar-date';
import { formatDateNl } from '../format/dutch';
import type { Partner } from '../db/entities/partner-message.entity';
import type { JsonSchema } from '../validation/schema';

export const PARTNER_FORM_IDS = [
  'rmi:B', 'rmi:C', 'wet1965:A', 'wet1965:B1', 'wet1965:B2', 'wet1965:C', 'wet1965:D1', 'wet1965:D2', 'wet1965:F', 'subrogation:C-UNIPROC', 'subrogation:notice',
] as const;
export type PartnerFormId = (typeof PARTNER_FORM_IDS)[number];

/** Who the form identifies by INSZ (national number or BIS number, §12.1): POD MI refuses a form without one. */
export type FormIdentity = 'client' | 'beneficiaries';

export interface PartnerFormDefinition {
  id: PartnerFormId;
  partner: Partner;
  /** The code printed on the form ('B', 'B1'). */
  code: string;
  /** Dutch name in timeline and escalation texts: "formulier B", "formulier C (Wet 1965)". */
  label: string;
  /** partner_messages.kind: 'form-B' / 'form-C' as the rows of running dossiers have it, 'wet1965-B1' for the others. */
  kind: string;
  /** Dutch, on the form and in the export. */
  title: string;
  legalBasis: string;
  /** What the procedure supplies; the activity validates it (non-retryable refusal, escalated) before queueing. */
  contentSchema: JsonSchema;
  /** Cross-field rules the schema does not say (English: they end up in the escalation's reason). */
  check?: (content: Record<string, unknown>) => string[];
  identity: FormIdentity;
  /**
   * The legal clock of the form: a deadline catalogue rule started on the content's `from` date; `lossRuleId` is the
   * clock after which money is lost (LL-5-LOSS). null: no term is known for the form (D1), only the reminders.
   */
  clock: { ruleId: string; lossRuleId?: string; from: string } | null;
  /** The partner reference after "<dossier reference>:", from business names (decision / period and date). */
  refOf: (content: Record<string, unknown>) => string;
  /**
   * The dossier's key of the form (its deadline clocks, its watch, the reminders' partnerRef). POD MI B/C keep the
   * key running dossiers have: `pod-mi-<form>-<decision date>`.
   */
  keyOf: (content: Record<string, unknown>) => string;
  /** The partner is reminded every `partnerReminderDays` (dossier settings) until it acknowledges the form. */
  reminder: { setting: 'partnerReminderDays'; defaultDays: number };
  /**
   * The activity that queues it. POD MI B/C keep `sendPodMiForm`, the activity type the histories of running dossiers
   * recorded (a different type would not replay); every other form goes through `sendPartnerForm`.
   */
  activity: 'sendPodMiForm' | 'sendPartnerForm';
  /** Short Dutch description for the timeline ("beslissing van 27 oktober 2026"). */
  describe: (content: Record<string, unknown>) => string;
  /**
   * The content field holding the id of the party the form is addressed to (the paying body): the activity puts its
   * name and address in the message, for a partner that is not one institution.
   */
  addressee?: string;
}

const DATE = { type: 'string', format: 'date' } as const;
const CENTS = { type: 'integer', minimum: 1, maximum: 100_000_000 } as const;

const rmiContent = (decisions: string[]): JsonSchema => ({
  type: 'object',
  required: ['decision', 'decisionDate'],
  properties: {
    decision: { enum: decisions },
    decisionDate: DATE,
    category: { enum: [1, 2, 3] },
    monthlyAmountCents: CENTS,
    /** Start of the right, or the day a stop takes effect. */
    periodFrom: DATE,
    periodTo: DATE,
  },
  additionalProperties: false,
});

const isDate = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const str = (v: unknown): string => String(v);
const nl = (iso: unknown): string => (isDate(iso) ? formatDateNl(iso as IsoDate) : str(iso));

/** A grant and its revision (or a refusal and a stop) decided the same day are two forms: the decision is in the ref. */
const rmiRef = (c: Record<string, unknown>): string =>
  c.decision === 'grant' || c.decision === 'refusal' ? str(c.decisionDate) : `${str(c.decision)}:${str(c.decisionDate)}`;

const RMI_BASIS = 'art. 21 §6 RMI-wet';
/** The Wet 1965 forms go to POD MI through its FrontOffice (primabook "Wet 65", §5.3). */
const WET_1965_BASIS = 'art. 9 en 11 Wet 2 april 1965';

/** What the RMI forms B and C share: LL-5, 8 days after the decision month; from the 45th day the subsidy is lost (LL-5-LOSS). */
const RMI_FORM = {
  partner: 'pod-mi',
  legalBasis: RMI_BASIS,
  contentSchema: rmiContent(['grant', 'revision', 'refusal', 'stop']),
  identity: 'client',
  clock: { ruleId: 'LL-5', lossRuleId: 'LL-5-LOSS', from: 'decisionDate' },
  refOf: rmiRef,
  reminder: { setting: 'partnerReminderDays', defaultDays: 30 },
  activity: 'sendPodMiForm',
  describe: (c: Record<string, unknown>) => `beslissing van ${nl(c.decisionDate)}`,
} as const;

/** The costs claimed for a period (the aid paid, invoices), each with its amount in cents. */
const COSTS = {
  type: 'array',
  minItems: 1,
  maxItems: 100,
  items: {
    type: 'object',
    required: ['description', 'amountCents'],
    properties: { description: { type: 'string', minLength: 1, maxLength: 200 }, amountCents: CENTS, paidOn: DATE },
    additionalProperties: false,
  },
} as const;

/** A claim's own business reference (the invoice's number, else the recorded event's): one form per claim. */
const CLAIM_REF = { type: 'string', pattern: '^[A-Za-z0-9./-]{1,60}$' } as const;

/** A cost claim's period in order and its total the sum of its lines (D1, D2, F). */
function costClaimProblems(code: string, c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (isDate(c.periodTo) && str(c.periodTo) < str(c.periodFrom)) problems.push(`form ${code}: periodTo is before periodFrom`);
  const costs = Array.isArray(c.costs) ? (c.costs as { amountCents?: unknown }[]) : [];
  const sum = costs.reduce((s, x) => s + (typeof x?.amountCents === 'number' ? x.amountCents : 0), 0);
  if (costs.length && sum !== c.totalCents) problems.push(`form ${code}: totalCents (${str(c.totalCents)}) is not the sum of the costs (${sum})`);
  return problems;
}

/** What the Wet 1965 forms share (primabook "Wet 65"). */
const WET_1965_FORM = {
  partner: 'pod-mi',
  legalBasis: WET_1965_BASIS,
  reminder: { setting: 'partnerReminderDays', defaultDays: 30 },
  activity: 'sendPartnerForm',
} as const;

/** What the subrogation notices share: the decision and the advance, the paying body a party of the dossier. */
const SUBROGATION_FORM = {
  partner: 'paying-body',
  contentSchema: {
    type: 'object',
    required: ['decisionDate', 'benefit', 'benefitAppliedOn', 'advanceFrom', 'monthlyAdvanceCents', 'payingBodyPartyId'],
    properties: {
      decisionDate: DATE,
      benefit: { enum: ['unemployment', 'sickness', 'disability', 'pension', 'family-allowance', 'other'] },
      benefitAppliedOn: DATE,
      /** The first day the advance covers: the OCMW claims the benefit's arrears from then on. */
      advanceFrom: DATE,
      monthlyAdvanceCents: CENTS,
      payingBodyPartyId: { type: 'string', format: 'uuid' },
    },
    additionalProperties: false,
  },
  identity: 'client',
  clock: null,
  refOf: (c: Record<string, unknown>) => `subrogation:${str(c.decisionDate)}`,
  keyOf: (c: Record<string, unknown>) => `subrogation-${str(c.decisionDate)}`,
  reminder: { setting: 'partnerReminderDays', defaultDays: 30 },
  activity: 'sendPartnerForm',
  describe: (c: Record<string, unknown>) => `voorschot vanaf ${nl(c.advanceFrom)}, beslissing van ${nl(c.decisionDate)}`,
  addressee: 'payingBodyPartyId',
} as const;

const subrogationProblems = (c: Record<string, unknown>): string[] =>
  isDate(c.advanceFrom) && isDate(c.benefitAppliedOn) && str(c.advanceFrom) < str(c.benefitAppliedOn) ? ['the advance cannot start before the benefit was applied for'] : [];

export const PARTNER_FORMS: Record<PartnerFormId, PartnerFormDefinition> = {
  'rmi:B': {
    ...RMI_FORM,
    id: 'rmi:B',
    code: 'B',
    label: 'formulier B',
    kind: 'form-B',
    title: 'Formulier B: beslissing tot toekenning of herziening (terugbetalingsaanvraag)',
    check: (c) => {
      const problems: string[] = [];
      if (!['grant', 'revision'].includes(str(c.decision))) problems.push(`form B is for a grant or a revision, not a ${str(c.decision)}`);
      if (![1, 2, 3].includes(c.category as number)) problems.push('form B needs the category (1, 2 or 3)');
      if (!Number.isInteger(c.monthlyAmountCents) || (c.monthlyAmountCents as number) <= 0) problems.push('form B needs the monthly amount in cents');
      if (!isDate(c.periodFrom)) problems.push('form B needs the start of the period (periodFrom)');
      return problems;
    },
    keyOf: (c) => `pod-mi-B-${str(c.decisionDate)}`,
  },
  'rmi:C': {
    ...RMI_FORM,
    id: 'rmi:C',
    code: 'C',
    label: 'formulier C',
    kind: 'form-C',
    title: 'Formulier C: beslissing tot weigering of stopzetting',
    // Form C is for a refusal or a stop, not a suspension (art. 21 §6 RMI-wet, primabook).
    check: (c) => {
      const problems: string[] = [];
      if (!['refusal', 'stop'].includes(str(c.decision))) problems.push(`form C is for a refusal or a stop, not a ${str(c.decision)}`);
      if (c.decision === 'stop' && !isDate(c.periodFrom)) problems.push('form C for a stop needs the date the stop takes effect (periodFrom)');
      return problems;
    },
    keyOf: (c) => `pod-mi-C-${str(c.decisionDate)}`,
  },
  'wet1965:A': {
    ...WET_1965_FORM,
    id: 'wet1965:A',
    code: 'A',
    label: 'formulier A (Wet 1965)',
    kind: 'wet1965-A',
    title: 'Formulier A: identiteit van de begunstigden (Wet 1965)',
    contentSchema: {
      type: 'object',
      required: ['startDate', 'beneficiaries'],
      properties: {
        /** Start of the state-reimbursed aid the form goes with (with B1). */
        startDate: DATE,
        /**
         * Who the aid is for, each identified by INSZ (national number or BIS number) that the activity looks up: a
         * registered person by id; without personId, the dossier's client.
         */
        beneficiaries: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: {
            type: 'object',
            required: ['role'],
            properties: { personId: { type: 'string', format: 'uuid' }, role: { enum: ['applicant', 'partner', 'child', 'other'] } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    identity: 'beneficiaries',
    // SA-6 [U]: 45 days from the start of the aid (configuration).
    clock: { ruleId: 'SA-6', from: 'startDate' },
    refOf: (c) => str(c.startDate),
    keyOf: (c) => `wet1965-A-${str(c.startDate)}`,
    describe: (c) => `hulp vanaf ${nl(c.startDate)}`,
  },
  'wet1965:B1': {
    ...WET_1965_FORM,
    id: 'wet1965:B1',
    code: 'B1',
    label: 'formulier B1 (Wet 1965)',
    kind: 'wet1965-B1',
    title: 'Formulier B1: beslissing tot toekenning van maatschappelijke dienstverlening (Wet 1965)',
    contentSchema: {
      type: 'object',
      required: ['decisionDate', 'aidForm', 'amountCents', 'frequency', 'startDate'],
      properties: {
        decisionDate: DATE,
        /** The form of the aid (art. 57 OCMW-wet): an equivalent leefloon, another financial aid, aid in kind. */
        aidForm: { enum: ['equivalent-leefloon', 'financial', 'in-kind', 'other'] },
        /** The category of an equivalent leefloon (§1.3 amounts). */
        category: { enum: [1, 2, 3] },
        amountCents: CENTS,
        frequency: { enum: ['monthly', 'once'] },
        startDate: DATE,
        endDate: DATE,
      },
      additionalProperties: false,
    },
    check: (c) => {
      const problems: string[] = [];
      if (c.aidForm === 'equivalent-leefloon' && c.category === undefined) problems.push('form B1 for an equivalent leefloon needs the category (1, 2 or 3)');
      if (isDate(c.endDate) && str(c.endDate) < str(c.startDate)) problems.push('form B1: endDate is before startDate');
      return problems;
    },
    identity: 'client',
    clock: { ruleId: 'SA-6', from: 'startDate' },
    refOf: (c) => str(c.decisionDate),
    keyOf: (c) => `wet1965-B1-${str(c.decisionDate)}`,
    describe: (c) => `beslissing van ${nl(c.decisionDate)}, hulp vanaf ${nl(c.startDate)}`,
  },
  'wet1965:B2': {
    ...WET_1965_FORM,
    id: 'wet1965:B2',
    code: 'B2',
    label: 'formulier B2 (Wet 1965)',
    kind: 'wet1965-B2',
    title: 'Formulier B2: beslissing tot tenlasteneming van medische kosten (Wet 1965)',
    contentSchema: {
      type: 'object',
      required: ['decisionDate', 'kind', 'startDate'],
      properties: {
        decisionDate: DATE,
        /** Urgent medical aid (KB 12 december 1996) for a person staying without a right of residence, or other medical costs. */
        kind: { enum: ['urgent-medical-aid', 'medical-costs'] },
        startDate: DATE,
        endDate: DATE,
        /** The hospital or care provider the decision covers (no person's name). */
        careProvider: { type: 'string', minLength: 1, maxLength: 200 },
      },
      additionalProperties: false,
    },
    check: (c) => (isDate(c.endDate) && str(c.endDate) < str(c.startDate) ? ['form B2: endDate is before startDate'] : []),
    identity: 'client',
    // [U] SA-6 as for B1: the 45-day communication from the start of the covered care.
    clock: { ruleId: 'SA-6', from: 'startDate' },
    refOf: (c) => `medical:${str(c.decisionDate)}`,
    keyOf: (c) => `wet1965-B2-${str(c.decisionDate)}`,
    describe: (c) => `medische hulp beslist op ${nl(c.decisionDate)}, vanaf ${nl(c.startDate)}`,
  },
  'wet1965:C': {
    ...WET_1965_FORM,
    id: 'wet1965:C',
    code: 'C',
    label: 'formulier C (Wet 1965)',
    kind: 'wet1965-C',
    title: 'Formulier C: stopzetting van de maatschappelijke dienstverlening (Wet 1965)',
    contentSchema: {
      type: 'object',
      required: ['decisionDate', 'endDate'],
      properties: {
        decisionDate: DATE,
        /** The last day of aid. */
        endDate: DATE,
        reason: { type: 'string', minLength: 1, maxLength: 500 },
      },
      additionalProperties: false,
    },
    identity: 'client',
    // [U]: the 45-day term (SA-6) is applied to the stop as well, from the stop decision.
    clock: { ruleId: 'SA-6', from: 'decisionDate' },
    refOf: (c) => `stop:${str(c.decisionDate)}`,
    keyOf: (c) => `wet1965-C-${str(c.decisionDate)}`,
    describe: (c) => `stopzetting beslist op ${nl(c.decisionDate)}, laatste dag ${nl(c.endDate)}`,
  },
  'wet1965:D1': {
    ...WET_1965_FORM,
    id: 'wet1965:D1',
    code: 'D1',
    label: 'formulier D1 (Wet 1965)',
    kind: 'wet1965-D1',
    title: 'Formulier D1: aanvraag tot terugbetaling van de kosten (Wet 1965)',
    contentSchema: {
      type: 'object',
      required: ['periodFrom', 'periodTo', 'costs', 'totalCents'],
      properties: {
        periodFrom: DATE,
        periodTo: DATE,
        /** The costs claimed for the period (the aid paid). */
        costs: COSTS,
        totalCents: CENTS,
      },
      additionalProperties: false,
    },
    check: (c) => costClaimProblems('D1', c),
    identity: 'client',
    // No term for the cost claim is in the domain reference: reminders only, no legal clock.
    clock: null,
    refOf: (c) => `${str(c.periodFrom)}:${str(c.periodTo)}`,
    keyOf: (c) => `wet1965-D1-${str(c.periodFrom)}-${str(c.periodTo)}`,
    describe: (c) => `kosten van ${nl(c.periodFrom)} tot ${nl(c.periodTo)}`,
  },
  'wet1965:D2': {
    ...WET_1965_FORM,
    id: 'wet1965:D2',
    code: 'D2',
    label: 'formulier D2 (Wet 1965)',
    kind: 'wet1965-D2',
    title: 'Formulier D2: aanvraag tot terugbetaling van medische kosten (Wet 1965)',
    contentSchema: {
      type: 'object',
      required: ['periodFrom', 'periodTo', 'costs', 'totalCents', 'claimRef'],
      properties: { periodFrom: DATE, periodTo: DATE, costs: COSTS, totalCents: CENTS, claimRef: CLAIM_REF },
      additionalProperties: false,
    },
    check: (c) => costClaimProblems('D2', c),
    identity: 'client',
    // No term for the cost claim is in the domain reference: reminders only, no legal clock.
    clock: null,
    // Several invoices of one period are several claims: the claim's own reference tells them apart.
    refOf: (c) => `medical:${str(c.periodFrom)}:${str(c.periodTo)}:${str(c.claimRef)}`,
    keyOf: (c) => `wet1965-D2-${str(c.periodFrom)}-${str(c.periodTo)}-${str(c.claimRef)}`,
    describe: (c) => `medische kosten van ${nl(c.periodFrom)} tot ${nl(c.periodTo)}`,
  },
  'wet1965:F': {
    ...WET_1965_FORM,
    id: 'wet1965:F',
    code: 'F',
    label: 'formulier F (Wet 1965)',
    kind: 'wet1965-F',
    title: 'Formulier F: aanvraag tot terugbetaling van de huisvestingskosten van de eerste woning (MB 30 januari 1995)',
    contentSchema: {
      type: 'object',
      required: ['homeTakenOn', 'costs', 'totalCents', 'claimRef'],
      properties: {
        /** The day the applicant took up the first home after the reception structure. */
        homeTakenOn: DATE,
        costs: COSTS,
        totalCents: CENTS,
        claimRef: CLAIM_REF,
      },
      additionalProperties: false,
    },
    // Reimbursed only on proof of actual expenses (§5.3): every cost line says when it was paid.
    check: (c) => [
      ...costClaimProblems('F', c),
      ...(Array.isArray(c.costs) && (c.costs as { paidOn?: unknown }[]).some((x) => !isDate(x?.paidOn)) ? ['form F: every cost needs the day it was paid (paidOn): housing costs are reimbursed on proof of actual expenses'] : []),
    ],
    identity: 'client',
    clock: null,
    refOf: (c) => `housing:${str(c.homeTakenOn)}:${str(c.claimRef)}`,
    keyOf: (c) => `wet1965-F-${str(c.homeTakenOn)}-${str(c.claimRef)}`,
    describe: (c) => `huisvestingskosten van de eerste woning vanaf ${nl(c.homeTakenOn)}`,
  },

  // Art. 99 §2 OCMW-wet: for an advance on a benefit the OCMW is subrogated to the client's rights on it (domain §10).
  // For unemployment the UNIPROC procedure of the RVA: form C-UNIPROC part 1 to the paying body (or the RVA office when
  // the paying body is not known), handled with priority. No term is known for the paying body's answer ([U]):
  // reminders only, no legal clock.
  'subrogation:C-UNIPROC': {
    ...SUBROGATION_FORM,
    id: 'subrogation:C-UNIPROC',
    code: 'C-UNIPROC deel 1',
    label: 'formulier C-UNIPROC (deel 1)',
    kind: 'uniproc-C1',
    title: 'Formulier C-UNIPROC deel 1: voorschot van het OCMW op werkloosheidsuitkeringen (UNIPROC)',
    legalBasis: 'art. 99 §2 OCMW-wet; UNIPROC-procedure (RVA)',
    check: (c) => [...subrogationProblems(c), ...(c.benefit === 'unemployment' ? [] : ['form C-UNIPROC is for an advance on an unemployment benefit'])],
  },
  'subrogation:notice': {
    ...SUBROGATION_FORM,
    id: 'subrogation:notice',
    code: 'subrogatie',
    label: 'kennisgeving van subrogatie',
    kind: 'subrogation-notice',
    title: 'Kennisgeving van het voorschot en van de subrogatie van het OCMW (art. 99 §2 OCMW-wet)',
    legalBasis: 'art. 99 §2 OCMW-wet',
    check: (c) => [...subrogationProblems(c), ...(c.benefit === 'unemployment' ? ['an advance on an unemployment benefit goes with form C-UNIPROC'] : [])],
  },
};

/** The cost claims (a statement of costs paid, in cents): POD MI answers with the amount it reimburses. */
export const COST_CLAIM_FORMS: readonly PartnerFormId[] = ['wet1965:D1', 'wet1965:D2', 'wet1965:F'];

export function isPartnerFormId(id: unknown): id is PartnerFormId {
  return typeof id === 'string' && (PARTNER_FORM_IDS as readonly string[]).includes(id);
}

export function partnerForm(id: PartnerFormId): PartnerFormDefinition {
  const form = PARTNER_FORMS[id];
  if (!form) throw new Error(`unknown partner form ${String(id)}`);
  return form;
}

/** The date the form's clock starts on (a field of its content), or null when the form has no clock. */
export function clockTrigger(form: PartnerFormDefinition, content: Record<string, unknown>): IsoDate | null {
  return form.clock ? (content[form.clock.from] as IsoDate) : null;
}

/** The partner reference of the outbox row: "<dossier reference>:<decision / period and date>". */
export function partnerRefOf(form: PartnerFormDefinition, dossierReference: string, content: Record<string, unknown>): string {
  return `${dossierReference}:${form.refOf(content)}`;
}

/** Dutch names of the partners, for timeline and escalation texts. */
export const PARTNER_NAMES: Record<Partner, string> = { 'pod-mi': 'POD MI', ocmw: 'het OCMW', fedasil: 'Fedasil', creditor: 'de schuldeiser', 'paying-body': 'de uitbetalingsinstelling' };

/**
 * Dutch for a partner message's kind in timeline texts: a registered form by its label ("formulier B1 (Wet 1965)"), its
 * reminder as such; any other kind (forwarding, ...) as it is stored.
 */
export function partnerMessageLabel(kind: string): string {
  const reminder = kind.endsWith('-reminder');
  const base = reminder ? kind.slice(0, -'-reminder'.length) : kind;
  const form = PARTNER_FORM_IDS.map((id) => PARTNER_FORMS[id]).find((f) => f.kind === base);
  if (!form) return kind;
  return reminder ? `herinnering over ${form.label}` : form.label;
}
