/**
 * The shape of a procedure definition: pure data (and pure check functions), no Node imports, so that the workflows,
 * the worker's activities, the API, the letters and the web app (through GET /procedures) all read the same record.
 */
import type { Action } from '../auth/permissions';
import type { IsoDate } from '../deadlines/calendar-date';
import type { TemplateName } from '../notices/templates';
import type { TaskKind } from '../tasks/task-kinds';
import type { JsonSchema, SchemaError } from '../validation/schema';

/** A status a procedure's workflows may set on its dossiers: the code is stored, the label is what people read. */
export interface ProcedureStatus {
  code: string;
  /** Dutch. */
  label: string;
  /** Position in the procedure's usual course (1 = first); lists and filters sort by it. */
  order: number;
  /** The dossier is closed in this status (no further step follows). */
  final?: boolean;
  /**
   * The dossier winds up in this status: only these event kinds still reach it (409 for the others), e.g. the last
   * claims to the state after state-reimbursed aid ended.
   */
  takesOnly?: readonly string[];
}

/** The kinds of agenda item a procedure's council step puts before the BCSD. */
export type AgendaItemKind = 'decision' | 'ratification';

/** What a council decision check may know besides the decision itself. */
export interface CouncilDecisionContext {
  today: IsoDate;
  requestDate: IsoDate;
  /** Social aid: the waiting-register code the inquiry found (the workflow knows it; art. 57ter OCMW-wet). */
  rijksregisterCode?: 'none' | '206' | '207';
  /** Debt mediation: the date from which the OCMW is recognised for amicable mediation (configuration; null: not). */
  debtMediationRecognisedSince?: IsoDate | null;
}

/** The decision the council secretary records on one kind of agenda item. */
export interface CouncilDecisionKind {
  /** JSON Schema of `{ result, decisionDate, motivation, … }` (the procedure's own fields besides). */
  schema: JsonSchema;
  /** Rules the schema cannot say (a field required by the result, the order of dates). */
  check?: (decision: Record<string, unknown>, ctx: CouncilDecisionContext) => SchemaError[];
}

export interface ProcedureCouncil {
  /** JSON Schema of the proposal a dossier puts on the agenda (the social report's or the review's). */
  proposalSchema: JsonSchema;
  decisions: Record<AgendaItemKind, CouncilDecisionKind>;
}

/** The client's appeal against a notified decision, as the decision letters cite it. */
export interface AppealRule {
  /** Dutch, e.g. "arbeidsrechtbank". */
  court: string;
  /** The deadline catalogue rule of the appeal term (the engine computes its end from the notification date). */
  ruleId: string;
  /** The term in words, as the letter says it: "drie maanden". */
  term: string;
  /** The legal basis of the appeal, in Dutch. */
  legalBasis: string;
  /** How to lodge the appeal, in Dutch. */
  how: string;
}

export interface ProcedureLetters {
  /** Dutch: what the client asked for, as a letter says it ("een leefloon (recht op maatschappelijke integratie)"). */
  request: string;
  /** Dutch: the right decided on ("leefloon"). */
  right: string;
  /** Dutch: the body that decides. */
  decidingBody: string;
  /** Dutch: the article before `right` in a sentence ("een" leefloon; "" for maatschappelijke dienstverlening). */
  article: string;
  /** Whether a grant or revision letter must state the category and its reason (leefloon categories 1/2/3). */
  categories: boolean;
  /** Dutch: what is granted in a category ("het leefloon", "het equivalent leefloon"). */
  categoryOf: string;
  /** Dutch: the law and articles a decision letter cites as its legal reasons. */
  legalReasons: string;
  /** Dutch: the decision term as the ontvangstbewijs says it ("binnen 30 dagen na de ontvangst ervan"). */
  decisionTerm: string;
  /** Dutch: where the right to be heard is laid down, cited in the letters ("art. 20 RMI-wet"); absent: not cited. */
  hearingBasis?: string;
  /** Dutch: the legal basis of a forwarding, as the letter to the competent OCMW and the one to the applicant cite it. */
  forwardingBasis: { ocmw: string; applicant: string };
  /** Dutch: how a decision is notified, with its basis (art. 62bis OCMW-wet); absent: the letter does not say it. */
  notificationBasis?: string;
  /** The templates this procedure's workflows may issue, by name (libs/notices/templates.ts). */
  templates: readonly TemplateName[];
  appeal: AppealRule;
}

/** Something that happens outside and reaches a dossier (a Fedasil assignment, a court order, a creditor's answer). */
export interface ExternalEventKind {
  /** Dutch. */
  title: string;
  /** JSON Schema of the event's payload, checked before it is delivered to the workflow. */
  schema: JsonSchema;
  /** An event of this kind may open a dossier. */
  opensDossier?: boolean;
  /**
   * A decision the OCMW records rather than news from outside (an LOI sanction): only who holds this permission on the
   * dossier's team records it (besides `event:record`); GET /procedures lists it so the web app offers it only to them.
   */
  permission?: Action;
  /**
   * An event that opens a dossier for a request another OCMW forwarded: the field of its data holding the request's
   * date at that OCMW. The dossier's clocks run from it or from the day it arrived here, as OCMW_FORWARDED_REQUEST_CLOCKS
   * says ([U]; default the original date); the timeline states which.
   */
  originalRequestDateField?: string;
  /** Rules across fields the schema cannot say (a period's end not before its start), in the API's error shape. */
  check?: (data: Record<string, unknown>) => SchemaError[];
}

/**
 * A setting of the procedure: the value lives in the configuration (libs/config/config.ts) and reaches workflows
 * through activities or their input; the definition names it for people.
 */
export interface ProcedureSetting {
  /** Dutch. */
  label: string;
  /** The environment variable that sets it. */
  env: string;
  default: number;
  unit: 'days' | 'day-of-month' | 'weekday' | 'months';
}

/**
 * The deadline catalogue rules (libs/deadlines/catalogue.ts) of the shared request → decision pipeline (§0.1) for a
 * procedure; the appeal after a notified decision is `letters.appeal.ruleId`.
 */
export interface PipelineDeadlines {
  /** The decision term from the request (LL-3: 30 days; SA-3: one calendar month). */
  decision: string;
  /** The appeal window for the absence of a decision, started when the decision term lapses. */
  noDecisionAppeal: string;
  /** Forwarding to the competent OCMW with reasons (LL-2, SA-2: 5 calendar days). */
  forwarding: string;
  /** Notification of a decision (LL-4, SA-4: 8 days). */
  notification: string;
}

/**
 * Where a value the dossier already knows is found (libs/procedures/task-forms.ts resolves it): `dossier.<field>`
 * (requestDate, channel), `person.<field>` (the applicant: firstName, iban, …), `household.size` (applicant and current
 * members), `tasks.<kind>.<field>` (the outcome of the latest completed task of that kind in the dossier),
 * `events.<type>.<field>` (the latest external event of that type) and, for a computation, `form.<field>` (the form
 * being filled in). A list: the first path that has a value.
 */
export type FactSource = string | readonly string[];

/** A value the system computes for a field of a task's form, with the same function the activities use. */
export interface FieldComputation {
  /** The leefloon (or equivalent leefloon) per month: category amount in force minus the resources (libs/payments/amounts.ts). */
  rule: 'leefloon-monthly';
  inputs: { category: FactSource; monthlyResourcesCents: FactSource; date: FactSource };
}

/** How a task's form starts and helps: declarative, per task kind (GET /tasks/:id/prefill, POST /tasks/:id/computations). */
export interface TaskForm {
  /** Outcome field ← where the dossier knows it; the form starts from these (a saved draft wins). */
  prefill?: Readonly<Record<string, FactSource>>;
  /** Outcome field ← its computation, shown beside the field to take over. */
  computed?: Readonly<Record<string, FieldComputation>>;
}

export interface ProcedureDefinition<TaskKindName extends string = string> {
  /** The stored procedure name (dossiers.procedure, the OcmwProcedure search attribute). */
  name: string;
  /** Dutch. */
  title: string;
  /** The workflow type a new dossier starts. */
  workflowType: string;
  /** Every workflow type its dossiers may run as (the first one starts; later ones are continued as new). */
  workflowTypes: readonly string[];
  /** Dossier references: `${prefix}-${year}-${number}`. */
  referencePrefix: string;
  /**
   * How its dossiers open: 'request' (default) — a person asks, POST /dossiers, the §0.1 pipeline; 'event' — only an
   * external event that opens a dossier (the LOI: Fedasil's assignment, POST /intake/events). The web app offers only
   * request procedures under "Nieuwe aanvraag".
   */
  opensBy?: 'request' | 'event';
  statuses: readonly ProcedureStatus[];
  /** Task kinds by name; names are scoped to the procedure (running dossiers keep their stored kind names). */
  taskKinds: Readonly<Record<TaskKindName, TaskKind>>;
  /** Prefill and computations of the task forms, per task kind (absent: an empty form). */
  forms?: Readonly<Partial<Record<TaskKindName, TaskForm>>>;
  /** The rules of the shared pipeline steps (workflows/shared/request-pipeline.ts); absent for a procedure not opened by a request. */
  deadlines?: PipelineDeadlines;
  council: ProcedureCouncil;
  letters: ProcedureLetters;
  events: Readonly<Record<string, ExternalEventKind>>;
  /**
   * Money the client repays by a plan with a structured communication (libs/payments/ogm.ts, planOgm): the external
   * event a bank statement's movement for one of the dossier's plans is recorded as, with `{ amountCents, communication }`
   * (POST /bank-statements). Absent: the procedure's dossiers have no plans.
   */
  planPayments?: { event: string };
  settings: Readonly<Record<string, ProcedureSetting>>;
  /**
   * Whether its dossiers may concern several persons with roles (a household: partner, children, other members) besides
   * the applicant (GET/POST /dossiers/:id/persons); absent: only the applicant.
   */
  household?: boolean;
}
