import type { IsoDate } from '../deadlines/calendar-date';
import type { Role } from '../auth/roles';
import { runValidator } from '../validation/checks';
import type { JsonSchema, SchemaError } from '../validation/schema';
import { COMPETENCE_FACT_CONDITIONS, COMPETENCE_FACT_FIELDS, competenceCheckErrors } from './competence-check';
import { OUTCOME_VALIDATORS } from './outcome-validators.generated';
import { HEATING_CATEGORIES, HEATING_FUELS, NOT_ELIGIBLE_FUELS } from '../domain/heating-allowance';
import { ADVANCE_BENEFITS } from '../domain/benefit-advance';
import { GUARANTEE_FORMS } from '../domain/rent-guarantee';

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';

/** What a task's extra checks may know of its dossier, besides the outcome itself. */
export interface TaskContext {
  today: IsoDate;
  requestDate: IsoDate;
  decisionDate?: IsoDate;
  /** Social aid: the applicant's code in the waiting register, as the social inquiry found it (art. 57ter OCMW-wet). */
  rijksregisterCode?: 'none' | '206' | '207';
  /** Social aid: benefits paid back for a period with aid (the event): the most the OCMW may recover (art. 99 §1). */
  backPaidCents?: number;
  /** This OCMW's NIS code (OCMW_NIS_CODE, read with the settings): the competence check's facts are judged from its side. */
  ocmwNisCode?: string;
  /** CO-4: the day this OCMW stopped being competent in a running file (a stop is proposed from then on). */
  competenceEndedOn?: IsoDate;
}

export interface TaskKind {
  kind: string;
  /** Dutch, shown in the inbox. */
  title: string;
  role: Role;
  /** JSON Schema 2020-12, limited to what a generic form renders (see README, Human tasks). Amounts are integer cents. */
  outcomeSchema: JsonSchema;
  /** Rules that need the dossier (a date not before the request or the decision): named functions beside the schema. */
  check?: (outcome: Record<string, unknown>, ctx: TaskContext) => SchemaError[];
}

// Schema parts shared by the procedure definitions (task outcomes, council decisions).
export const date = (title: string): JsonSchema => ({ type: 'string', format: 'date', title, 'x-notFuture': true });
export const text = (title: string, maxLength: number): JsonSchema => ({ type: 'string', title, minLength: 1, maxLength });
export const cents = (title: string): JsonSchema => ({ type: 'integer', title, minimum: 0, maximum: 100_000_000 });
export const choice = (title: string, options: [string | number | boolean, string][]): JsonSchema => ({
  title,
  oneOf: options.map(([value, label]) => ({ const: value, title: label })),
});
export const object = (required: string[], properties: Record<string, JsonSchema>, ...conditions: JsonSchema[]): JsonSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required,
  properties,
  additionalProperties: false,
  ...(conditions.length > 0 ? { allOf: conditions } : {}),
});
/** A conditional requirement in the schema: when `field` is `value`, `fields` are required (`reason` ends the message). */
export const requiredWhen = (field: string, value: unknown, fields: string[], reason: string): JsonSchema => ({
  if: { properties: { [field]: { const: value } }, required: [field] },
  then: { required: fields, description: reason },
});

// Inquiry fields both procedures ask alike.
const householdType = choice('Feitelijke gezinssituatie', [
  ['single', 'Alleenstaande'],
  ['cohabiting', 'Samenwonend'],
  ['family', 'Met gezin ten laste'],
]);
const resources = cents('In aanmerking genomen bestaansmiddelen per maand (cent)');
const hearingRequested = choice('Wil de aanvrager gehoord worden?', [[true, 'Ja'], [false, 'Nee']]);
const notes = { type: 'string', title: 'Opmerkingen', maxLength: 4000 } as const satisfies JsonSchema;
const missingDocuments = { type: 'string', title: 'Ontbrekende stukken op te vragen (één per regel)', maxLength: 2000 } as const satisfies JsonSchema;
const startDate = { type: 'string', format: 'date', title: 'Ingangsdatum' } as const satisfies JsonSchema;

export const category = choice('Categorie', [
  [1, 'Categorie 1: samenwonend'],
  [2, 'Categorie 2: alleenstaand'],
  [3, 'Categorie 3: met gezin ten laste'],
]);

/** Council decisions: fields a result requires (a named check beside the schema, like the date rules). */
export function requiredFields(outcome: Record<string, unknown>, fields: string[], reason: string): SchemaError[] {
  return fields
    .filter((f) => outcome[f] === undefined)
    .map((f) => ({ path: `/${f}`, code: 'required', message: `is required ${reason}` }));
}

export function notBefore(outcome: Record<string, unknown>, field: string, limit: IsoDate | undefined, what: string): SchemaError[] {
  const value = outcome[field];
  if (typeof value !== 'string' || !limit || value >= limit) return [];
  return [{ path: `/${field}`, code: 'too-early', message: `may not be before ${what} (${limit})` }];
}

/** A request is not forwarded to this OCMW itself. */
function notThisOcmw(outcome: Record<string, unknown>, ctx: TaskContext): SchemaError[] {
  if (!ctx.ocmwNisCode || outcome.forwardedToOcmw !== ctx.ocmwNisCode) return [];
  return [{ path: '/forwardedToOcmw', code: 'this-ocmw', message: 'is this OCMW: a request is forwarded to the competent other OCMW' }];
}

/**
 * A change of competence in a running file (CO-4) is no decision on aid: informing the new OCMW needs no ratification,
 * and a stop goes to the BCSD as proposed. The chair's urgency is for a request's forwarding (CO-1).
 */
function noUrgencyInChange(outcome: Record<string, unknown>, ctx: TaskContext): SchemaError[] {
  if (outcome.decidedBy !== 'chair-urgent' || !ctx.competenceEndedOn) return [];
  return [{ path: '/decidedBy', code: 'not-applicable', message: 'a change of competence in a running file is not decided in urgency: a stop goes to the BCSD as proposed' }];
}

/**
 * Task kinds of the shared request → decision pipeline (§0.1; workflows/shared/request-pipeline.ts) whose outcome is
 * the same in every procedure that uses them: each procedure's definition includes them beside its own kinds.
 */
export const PIPELINE_TASK_KINDS = {
  'competence-check': {
    kind: 'competence-check',
    title: 'Territoriale bevoegdheid nagaan',
    role: 'social-worker',
    outcomeSchema: object(['competent', 'rule'], {
      // The facts the Wet 1965 turns on first (optional: running dossiers completed the check without them); given,
      // the yes/no and the rule below must be what the rules find (libs/tasks/competence-check.ts).
      ...COMPETENCE_FACT_FIELDS,
      competent: choice('Is dit OCMW bevoegd?', [[true, 'Ja, bevoegd'], [false, 'Nee, niet bevoegd']]),
      rule: choice('Toegepaste regel (Wet 1965)', [
        ['usual-residence', 'Gewoonlijke verblijfplaats'],
        ['institution', 'Opname in een instelling'],
        ['student', 'Student'],
        ['homeless', 'Dakloos'],
        ['asylum', 'Verzoeker om internationale bescherming'],
        ['other', 'Andere'],
      ]),
      competentOcmw: text('Bevoegd OCMW', 200),
      reasons: text('Redenen van onbevoegdheid', 4000),
    },
    // A forwarding without reasons is void (primabook, Bijzondere bepalingen).
    requiredWhen('competent', false, ['competentOcmw', 'reasons'], 'when this OCMW is not competent'),
    ...COMPETENCE_FACT_CONDITIONS),
    check: (o, ctx) => competenceCheckErrors(o, ctx),
  },
  'forward-request': {
    kind: 'forward-request',
    title: 'Aanvraag met redenen doorsturen naar het bevoegde OCMW',
    role: 'social-worker',
    outcomeSchema: object(['forwardedTo', 'forwardDate', 'reasons'], {
      forwardedTo: text('Doorgestuurd naar (OCMW)', 200),
      // The competent OCMW from the directory (OCMW_DIRECTORY_FILE): the letters to it and to the applicant are made up.
      forwardedToOcmw: { type: 'string', title: 'Bevoegd OCMW uit de lijst (de brieven aan dat OCMW en aan de aanvrager worden opgemaakt)', pattern: '^\\d{5}$', 'x-pick': 'ocmw' },
      forwardDate: date('Datum van doorzending'),
      reasons: text('Redenen', 4000),
      // Step 4 of §0.1 / CO-1: the social service (MW, team lead) finds this OCMW not competent; the chair may decide in
      // urgency, and then the next BCSD ratifies it (art. 58 §3 OCMW-wet; the BCSD's competences, DLB art. 113).
      decidedBy: choice('Wie besliste over de onbevoegdheid?', [
        ['social-service', 'De sociale dienst (maatschappelijk werker of teamverantwoordelijke)'],
        ['chair-urgent', 'De voorzitter bij dringendheid (te bekrachtigen door het volgende BCSD)'],
      ]),
    }),
    check: (o, ctx) => [...notBefore(o, 'forwardDate', ctx.requestDate, 'the request date'), ...noUrgencyInChange(o, ctx), ...notThisOcmw(o, ctx)],
  },
  'forwarding-letter': {
    kind: 'forwarding-letter',
    title: 'Aanvrager schriftelijk inlichten over de doorzending',
    role: 'social-worker',
    outcomeSchema: object(['sentDate', 'mode'], {
      sentDate: date('Datum van verzending'),
      mode: choice('Verzendwijze', [['letter', 'Gewone brief'], ['registered', 'Aangetekende brief'], ['hand', 'Afgegeven tegen ontvangstbewijs']]),
    }),
    check: (o, ctx) => notBefore(o, 'sentDate', ctx.requestDate, 'the request date'),
  },
  // CO-2 (art. 15 al. 4 Wet 1965; omzendbrief 8 april 2003): a request another OCMW forwarded, and this OCMW is not
  // competent either: the conflict goes to POD MI's Competence Conflicts service through the form on mi-is.be.
  'submit-competence-conflict': {
    kind: 'submit-competence-conflict',
    title: 'Bevoegdheidsconflict voorleggen aan de POD MI',
    role: 'social-worker',
    outcomeSchema: object(['submittedOn', 'reasons'], {
      submittedOn: date('Datum van voorlegging (formulier op mi-is.be)'),
      podMiReference: text('Kenmerk van de POD MI', 100),
      reasons: text('Redenen waarom ook dit OCMW niet bevoegd is', 4000),
    }),
    check: (o, ctx) => notBefore(o, 'submittedOn', ctx.requestDate, 'the request date'),
  },
  // CO-4: competence changed in a running file: a social worker proposes the stop from the day it ended (or not: this
  // OCMW stays competent, e.g. the person stays in a listed institution) — the workflow never stops by itself.
  'competence-change-stop': {
    kind: 'competence-change-stop',
    title: 'Stopzetting voorstellen na een gewijzigde bevoegdheid',
    role: 'social-worker',
    outcomeSchema: object(['proposeStop', 'motivation'], {
      proposeStop: choice('Stopzetting voorstellen aan het BCSD?', [[true, 'Ja, stopzetting voorstellen'], [false, 'Nee, dit OCMW blijft bevoegd']]),
      stopFrom: { type: 'string', format: 'date', title: 'Stopzetting vanaf' },
      motivation: text('Motivering', 4000),
    }, requiredWhen('proposeStop', true, ['stopFrom'], 'when a stop is proposed')),
    // Not before the day competence ended: the aid up to then is this OCMW's.
    check: (o, ctx) => notBefore(o, 'stopFrom', ctx.competenceEndedOn, 'the day competence ended'),
  },
  'documents-received': {
    kind: 'documents-received',
    title: 'Opgevraagde stukken ontvangen',
    role: 'social-worker',
    outcomeSchema: object(['receivedOn', 'complete'], {
      receivedOn: date('Datum van ontvangst'),
      complete: choice('Zijn alle stukken binnen?', [[true, 'Ja'], [false, 'Nee, verder met wat er is']]),
      notes: { type: 'string', title: 'Opmerkingen', maxLength: 4000 },
    }),
    check: (o, ctx) => notBefore(o, 'receivedOn', ctx.requestDate, 'the request date'),
  },
  'decision-notification': {
    kind: 'decision-notification',
    title: 'Beslissing ter kennis brengen',
    role: 'social-worker',
    outcomeSchema: object(['mode', 'date'], {
      // art. 62bis OCMW-wet: registered letter or against a signed receipt.
      mode: choice('Wijze van kennisgeving', [['registered', 'Aangetekende brief'], ['against-receipt', 'Tegen ontvangstbewijs']]),
      date: date('Datum van afgifte bij de post of van ondertekening'),
      trackingNumber: { type: 'string', title: 'Zendingsnummer (aangetekend)', minLength: 1, maxLength: 40 },
    },
    requiredWhen('mode', 'registered', ['trackingNumber'], 'for a registered letter')),
    check: (o, ctx) => notBefore(o, 'date', ctx.decisionDate, 'the decision date'),
  },
  'collect-iban': {
    kind: 'collect-iban',
    title: 'Rekeningnummer van de cliënt opvragen',
    role: 'social-worker',
    outcomeSchema: object(['iban'], {
      iban: { type: 'string', format: 'iban', title: 'IBAN van de cliënt' },
    }),
  },
} satisfies Record<string, TaskKind>;

/**
 * The follow-up of aid paid monthly at the leefloon amounts (§0.1 step 12: the yearly review with a home visit, LL-7 /
 * SA-8): the leefloon and the equivalent leefloon of social aid review alike.
 */
export const RUNNING_AID_TASK_KINDS = {
  'yearly-review': {
    kind: 'yearly-review',
    title: 'Jaarlijkse herziening met huisbezoek',
    role: 'social-worker',
    outcomeSchema: object(['homeVisitDate', 'proposal', 'monthlyResourcesCents', 'category', 'motivation'], {
      homeVisitDate: date('Datum huisbezoek'),
      proposal: choice('Voorstel', [['continue', 'Ongewijzigd verderzetten'], ['revise', 'Herzien'], ['stop', 'Stopzetten']]),
      category,
      monthlyResourcesCents: resources,
      endDate: { type: 'string', format: 'date', title: 'Einddatum (bij stopzetting)' },
      motivation: text('Motivering', 8000),
    },
    requiredWhen('proposal', 'stop', ['endDate'], 'to stop the aid')),
  },
} satisfies Record<string, TaskKind>;

/** The results of a referral's follow-up (the task a referral's follow-up date opens). */
export const REFERRAL_FOLLOW_UP_RESULTS = ['contact-opgenomen', 'niet-bereikt', 'afgesloten'] as const;

/**
 * Casework every procedure's dossier has beside its procedure (workflows/shared/referral-follow-ups.ts): the follow-up
 * of a referral to a partner (CAW, CGG, a lawyer, …) on its follow-up date. `afgesloten` closes the referral with the
 * note as its outcome; a new follow-up date (with the other results) opens the next follow-up on that date; without
 * one the referral stays open without a further follow-up.
 */
export const CASEWORK_TASK_KINDS = {
  'referral-follow-up': {
    kind: 'referral-follow-up',
    title: 'Opvolging doorverwijzing',
    role: 'social-worker',
    outcomeSchema: object(['result', 'note'], {
      result: choice('Resultaat van de opvolging', [
        ['contact-opgenomen', 'Contact opgenomen'],
        ['niet-bereikt', 'Niet bereikt'],
        ['afgesloten', 'Doorverwijzing afsluiten'],
      ]),
      note: text('Notitie', 4000),
      nextFollowUpOn: { type: 'string', format: 'date', title: 'Nieuwe opvolgdatum (leeg: geen verdere opvolging)' },
    }),
    check: (o, ctx) => {
      if (typeof o.nextFollowUpOn !== 'string') return [];
      if (o.result === 'afgesloten') return [{ path: '/nextFollowUpOn', code: 'closed', message: 'cannot be set when the referral is closed' }];
      return o.nextFollowUpOn > ctx.today ? [] : [{ path: '/nextFollowUpOn', code: 'too-early', message: `must be after today (${ctx.today})` }];
    },
  },
} satisfies Record<string, TaskKind>;

/** The leefloon's task kinds (its definition, libs/procedures/leefloon.ts, holds them; look them up by procedure). */
export const LEEFLOON_TASK_KINDS = {
  ...PIPELINE_TASK_KINDS,
  ...CASEWORK_TASK_KINDS,
  ...RUNNING_AID_TASK_KINDS,
  'social-inquiry': {
    kind: 'social-inquiry',
    title: 'Sociaal onderzoek',
    role: 'social-worker',
    outcomeSchema: object(['homeVisitDate', 'householdType', 'householdSize', 'monthlyResourcesCents', 'proposedCategory', 'hearingRequested'], {
      homeVisitDate: date('Datum huisbezoek'),
      householdType,
      householdSize: { type: 'integer', title: 'Aantal personen in het huishouden', minimum: 1, maximum: 30 },
      monthlyResourcesCents: resources,
      proposedCategory: category,
      swornStatementDate: date('Datum verklaring op eer'),
      hearingRequested,
      notes,
      missingDocuments,
    }),
    check: (o, ctx) => notBefore(o, 'homeVisitDate', ctx.requestDate, 'the request date'),
  },
  'social-report': {
    kind: 'social-report',
    title: 'Sociaal verslag en voorstel van beslissing',
    role: 'social-worker',
    outcomeSchema: object(['proposal', 'motivation'], {
      proposal: choice('Voorstel', [['grant', 'Toekennen'], ['refuse', 'Weigeren']]),
      category,
      monthlyAmountCents: cents('Maandbedrag (cent)'),
      startDate,
      motivation: text('Motivering', 8000),
    },
    requiredWhen('proposal', 'grant', ['category', 'monthlyAmountCents', 'startDate'], 'for a grant')),
    check: (o, ctx) => notBefore(o, 'startDate', ctx.requestDate, 'the request date'),
  },
  decision: {
    kind: 'decision',
    title: 'Beslissing van het BCSD registreren',
    role: 'council-secretary',
    outcomeSchema: object(['result', 'decisionDate', 'motivation'], {
      result: choice('Beslissing', [['granted', 'Toegekend'], ['refused', 'Geweigerd']]),
      decisionDate: date('Datum van de beslissing'),
      body: choice('Beslissend orgaan', [['bcsd', 'BCSD'], ['subcommittee', 'Subcomité'], ['chair-urgent', 'Voorzitter (dringend)']]),
      category,
      monthlyAmountCents: cents('Maandbedrag (cent)'),
      startDate: { type: 'string', format: 'date', title: 'Ingangsdatum' },
      motivation: text('Motivering (juridische en feitelijke redenen)', 8000),
    },
    requiredWhen('result', 'granted', ['category', 'monthlyAmountCents', 'startDate'], 'for a grant')),
    check: (o, ctx) => notBefore(o, 'decisionDate', ctx.requestDate, 'the request date'),
  },
  'gpmi-signature': {
    kind: 'gpmi-signature',
    title: 'GPMI (geïndividualiseerd project) opmaken en laten ondertekenen',
    role: 'social-worker',
    outcomeSchema: object(['signedOn', 'type', 'goals'], {
      signedOn: date('Datum van ondertekening'),
      type: choice('Soort project', [['work', 'Tewerkstelling'], ['training', 'Opleiding'], ['studies', 'Studies'], ['social-activation', 'Sociale activering']]),
      goals: text('Doelstellingen', 4000),
    }),
    check: (o, ctx) => notBefore(o, 'signedOn', ctx.decisionDate, 'the decision date'),
  },
  'gpmi-evaluation': {
    kind: 'gpmi-evaluation',
    title: 'GPMI evalueren',
    role: 'social-worker',
    outcomeSchema: object(['evaluatedOn', 'faceToFace', 'summary'], {
      evaluatedOn: date('Datum van de evaluatie'),
      faceToFace: choice('Evaluatiegesprek', [[true, 'Persoonlijk gesprek'], [false, 'Schriftelijk / op afstand']]),
      summary: text('Verslag', 8000),
    }),
  },
} satisfies Record<string, TaskKind>;

/** Forms of social aid (art. 57 §1 OCMW-wet: the form is free; §2.1). */
export const AID_FORMS = [
  ['equivalent-leefloon', 'Equivalent leefloon (maandelijks, aan de leefloonbedragen)'],
  ['one-off', 'Eenmalige financiële steun'],
  ['in-kind', 'Hulp in natura'],
  ['guarantee', 'Waarborg'],
  ['advance', 'Voorschot'],
] as const satisfies readonly (readonly [string, string])[];
export type AidFormName = (typeof AID_FORMS)[number][0];
const aidForm = choice('Vorm van de hulp', AID_FORMS.map(([value, label]) => [value, label]));
const aidFields = {
  aidForm,
  category,
  monthlyAmountCents: cents('Maandbedrag (cent)'),
  startDate,
  amountCents: cents('Bedrag, eenmalig (cent)'),
  aidDescription: text('Omschrijving van de hulp', 2000),
  // A one-off amount may be paid to a party linked to the dossier (the landlord, the energy supplier) instead of the client.
  payeePartyId: { type: 'string', format: 'uuid', title: 'Te betalen aan een partij van het dossier (leeg: de cliënt)', 'x-pick': 'dossier-party' } as JsonSchema,
};
/** What each form of aid must state: the letter and the payment need it (§0.2). */
const aidFormRequirements = (field: string): JsonSchema[] => [
  requiredWhen(field, 'equivalent-leefloon', ['category', 'monthlyAmountCents', 'startDate'], 'for an equivalent leefloon'),
  requiredWhen(field, 'one-off', ['amountCents', 'aidDescription'], 'for a one-off amount'),
  requiredWhen(field, 'in-kind', ['aidDescription'], 'for aid in kind'),
  requiredWhen(field, 'guarantee', ['amountCents', 'aidDescription'], 'for a guarantee'),
  requiredWhen(field, 'advance', ['amountCents', 'aidDescription'], 'for an advance'),
];
export const AID_FIELDS = aidFields;
export const AID_FORM_REQUIREMENTS = aidFormRequirements;

/**
 * Art. 57ter OCMW-wet: an applicant for international protection with a code 207 (a mandatory place of registration in
 * a reception structure) has no right to social aid from the OCMW — the reception structure gives the material aid.
 * A grant can then be neither proposed nor decided; `code` is the stable key a Dutch interface shows its text for.
 */
export function noGrantWithCode207(granting: boolean, ctx: { rijksregisterCode?: string }, path: string): SchemaError[] {
  if (!granting || ctx.rijksregisterCode !== '207') return [];
  return [{ path, code: 'no-right-code-207', message: 'cannot be a grant: the applicant has code 207 in the waiting register (art. 57ter OCMW-wet: no right to social aid)' }];
}

/** Social aid's own task kinds (its definition, libs/procedures/social-aid.ts, adds the pipeline's and the review). */
export const SOCIAL_AID_TASK_KINDS = {
  ...PIPELINE_TASK_KINDS,
  ...CASEWORK_TASK_KINDS,
  ...RUNNING_AID_TASK_KINDS,
  'aid-inquiry': {
    kind: 'aid-inquiry',
    title: 'Sociaal onderzoek (maatschappelijke dienstverlening)',
    role: 'social-worker',
    outcomeSchema: object(['homeVisitDate', 'residenceStatus', 'rijksregisterCode', 'stateReimbursed', 'householdType', 'monthlyResourcesCents', 'hearingRequested'], {
      homeVisitDate: date('Datum huisbezoek'),
      residenceStatus: choice('Verblijfsstatus', [
        ['population-register', 'Ingeschreven in het bevolkingsregister'],
        ['foreigners-register', 'Ingeschreven in het vreemdelingenregister'],
        ['international-protection', 'Verzoeker om internationale bescherming (wachtregister)'],
        ['other', 'Andere'],
      ]),
      // The Rijksregister code of an applicant for international protection (§2.1): 206 = a right to OCMW aid, 207 = none.
      rijksregisterCode: choice('Code in het Rijksregister', [
        ['none', 'Geen code 206 of 207'],
        ['206', 'Code 206: procedure lopend, geen verplichte plaats van inschrijving'],
        ['207', 'Code 207: verplichte plaats van inschrijving in een opvangstructuur'],
      ]),
      stateReimbursed: choice('Door de staat terugbetaald (Wet 1965)?', [[true, 'Ja'], [false, 'Nee']]),
      householdType,
      monthlyResourcesCents: resources,
      hearingRequested,
      notes,
      missingDocuments,
    }),
    check: (o, ctx) => notBefore(o, 'homeVisitDate', ctx.requestDate, 'the request date'),
  },
  'recovery-proposal': {
    kind: 'recovery-proposal',
    title: 'Terugvordering voorstellen (achteraf betaalde uitkeringen, art. 99 OCMW-wet)',
    role: 'social-worker',
    outcomeSchema: object(['aidPaidCents', 'recoverCents', 'subrogation', 'motivation'], {
      aidPaidCents: cents('Steun betaald voor die periode (cent)'),
      recoverCents: cents('Terug te vorderen (cent)'),
      subrogation: choice('Treedt het OCMW in de rechten van de cliënt (art. 99 §2)?', [[true, 'Ja, de uitbetaler betaalt aan het OCMW'], [false, 'Nee']]),
      motivation: text('Motivering', 8000),
    }),
    // Art. 99 §1 OCMW-wet: up to the benefits received for the period, and never more than the aid paid for it.
    check: (o, ctx) => [
      ...(typeof o.recoverCents === 'number' && typeof o.aidPaidCents === 'number' && o.recoverCents > o.aidPaidCents
        ? [{ path: '/recoverCents', code: 'too-much', message: 'may not exceed the aid paid for the period (art. 99 §1 OCMW-wet)' }] : []),
      ...(typeof o.recoverCents === 'number' && ctx.backPaidCents !== undefined && o.recoverCents > ctx.backPaidCents
        ? [{ path: '/recoverCents', code: 'too-much', message: `may not exceed the benefits paid back for the period (${ctx.backPaidCents} cents, art. 99 §1 OCMW-wet)` }] : []),
    ],
  },
  'aid-report': {
    kind: 'aid-report',
    title: 'Sociaal verslag en voorstel van beslissing (vorm van de hulp)',
    role: 'social-worker',
    outcomeSchema: object(['proposal', 'motivation'], {
      proposal: choice('Voorstel', [['grant', 'Toekennen'], ['refuse', 'Weigeren']]),
      ...aidFields,
      motivation: text('Motivering', 8000),
    },
    requiredWhen('proposal', 'grant', ['aidForm'], 'for a grant'),
    ...aidFormRequirements('aidForm')),
    check: (o, ctx) => [...noGrantWithCode207(o.proposal === 'grant', ctx, '/proposal'), ...notBefore(o, 'startDate', ctx.requestDate, 'the request date')],
  },
} satisfies Record<string, TaskKind>;

/** The debt mediation proposal types (§3): amicable mediation only for an OCMW recognised under the decree of 24 July 1996. */
export const DEBT_GUIDANCE_TYPES: [string, string][] = [
  ['budget-guidance', 'Budgetbegeleiding'],
  ['budget-management', 'Budgetbeheer'],
  ['amicable-mediation', 'Minnelijke schuldbemiddeling'],
];

export const DEBT_MEDIATION_TASK_KINDS = {
  ...PIPELINE_TASK_KINDS,
  ...CASEWORK_TASK_KINDS,
  'debt-inquiry': {
    kind: 'debt-inquiry',
    title: 'Sociaal onderzoek (schuldsituatie)',
    role: 'social-worker',
    outcomeSchema: object(['totalDebtsCents', 'creditorCount', 'monthlyIncomeCents', 'priorityDebts', 'hearingRequested'], {
      totalDebtsCents: cents('Totaal van de schulden (cent)'),
      creditorCount: { type: 'integer', title: 'Aantal schuldeisers', minimum: 0, maximum: 1000 },
      monthlyIncomeCents: cents('Maandelijks inkomen (cent)'),
      priorityDebts: choice('Zijn er prioritaire schulden (huur, energie, onderhoudsgeld)?', [[true, 'Ja'], [false, 'Nee']]),
      hearingRequested,
      notes,
      missingDocuments,
    }),
  },
  'debt-report': {
    kind: 'debt-report',
    title: 'Sociaal verslag en voorstel (schuldbemiddeling of budgetbegeleiding)',
    role: 'social-worker',
    outcomeSchema: object(['proposal', 'motivation'], {
      proposal: choice('Voorstel', [['grant', 'Toekennen'], ['refuse', 'Weigeren']]),
      guidanceType: choice('Soort hulp', DEBT_GUIDANCE_TYPES),
      durationMonths: { type: 'integer', title: 'Duur (maanden)', minimum: 1, maximum: 120 },
      motivation: text('Motivering', 8000),
    }, requiredWhen('proposal', 'grant', ['guidanceType', 'durationMonths'], 'for a grant')),
  },
  // The trajectory (workflows/debt-mediation/trajectory.workflow.ts): the signed agreement is the mandate to manage.
  'trajectory-agreement': {
    kind: 'trajectory-agreement',
    title: 'Overeenkomst budgetbegeleiding of budgetbeheer laten ondertekenen',
    role: 'social-worker',
    outcomeSchema: object(['signed', 'note'], {
      signed: choice('Heeft de cliënt de overeenkomst ondertekend?', [[true, 'Ja, ondertekend'], [false, 'Nee, de cliënt ziet ervan af']]),
      signedOn: date('Datum van ondertekening'),
      note: text('Toelichting', 4000),
    }, requiredWhen('signed', true, ['signedOn'], 'for a signed agreement')),
    check: (o, ctx) => notBefore(o, 'signedOn', ctx.decisionDate ?? ctx.requestDate, 'the decision date'),
  },
  'debt-evaluation': {
    kind: 'debt-evaluation',
    title: 'Evaluatiegesprek schuldbemiddeling of budgetbegeleiding',
    role: 'social-worker',
    outcomeSchema: object(['interviewDate', 'proposal', 'report'], {
      interviewDate: date('Datum van het gesprek'),
      proposal: choice('Voorstel', [
        ['continue', 'Ongewijzigd verderzetten'],
        ['change-type', 'Andere soort hulp (naar het BCSD)'],
        ['end', 'Traject beëindigen (naar het BCSD)'],
      ]),
      guidanceType: choice('Nieuwe soort hulp', DEBT_GUIDANCE_TYPES),
      durationMonths: { type: 'integer', title: 'Nieuwe duur vanaf de beslissing (maanden)', minimum: 1, maximum: 120 },
      report: text('Verslag van het gesprek', 8000),
    }, requiredWhen('proposal', 'change-type', ['guidanceType'], 'for another kind of help')),
    check: (o, ctx) => notBefore(o, 'interviewDate', ctx.requestDate, 'the request date'),
  },
  'budget-shortfall': {
    kind: 'budget-shortfall',
    title: 'Tekort op de budgetbeheerrekening: afbetalingen niet uitgevoerd',
    role: 'social-worker',
    outcomeSchema: object(['action', 'note'], {
      action: choice('Wat gebeurt er met de niet uitgevoerde betalingen?', [
        ['retry', 'Opnieuw proberen (er is geld binnengekomen)'],
        ['skip', 'Deze maand overslaan (schuldeisers verwittigd)'],
      ]),
      note: text('Toelichting', 4000),
    }),
  },
  // A creditor (or its bailiff or collection agency) did not answer a letter, nor its reminder (domain §3.1 step 4;
  // workflows/shared/party-correspondence.ts). The social worker says what they did: the letter's watch ends with it.
  'creditor-no-answer': {
    kind: 'creditor-no-answer',
    title: 'Schuldeiser antwoordt niet op brief en herinnering',
    role: 'social-worker',
    outcomeSchema: object(['action', 'note'], {
      action: choice('Wat hebt u gedaan?', [
        ['called', 'Telefonisch of per e-mail contact opgenomen'],
        ['resend', 'Brief opnieuw versturen'],
        ['close', 'Niet verder opvolgen'],
      ]),
      note: text('Notitie', 4000),
    }),
  },
  // The collective debt settlement with the OCMW as the appointed mediator: the amicable plan (CSR-3, art. 1675/10 Ger.W.).
  'csr-amicable-plan': {
    kind: 'csr-amicable-plan',
    title: 'Ontwerp van minnelijke aanzuiveringsregeling opstellen en verzenden (collectieve schuldenregeling)',
    role: 'social-worker',
    outcomeSchema: object(['sentOn', 'note'], {
      sentOn: date('Datum van verzending aan de schuldenaar en de schuldeisers'),
      note: text('Toelichting', 4000),
    }),
  },
} satisfies Record<string, TaskKind>;

/** The fuels of a heating allowance request: the eligible ones, and those the fund does not cover (a refusal). */
const HEATING_FUEL_CHOICES: [string, string][] = [
  ...Object.entries(HEATING_FUELS).map(([fuel, f]) => [fuel, f.label] as [string, string]),
  ...Object.entries(NOT_ELIGIBLE_FUELS).map(([fuel, label]) => [fuel, `${label} (niet gedekt door het fonds)`] as [string, string]),
];
const BULK_FUELS = Object.entries(HEATING_FUELS).filter(([, f]) => f.purchase === 'bulk').map(([fuel]) => fuel);

/**
 * The heating allowance's inquiry (domain §7; libs/domain/heating-allowance.ts): the delivery from the invoice, the
 * category and the facts that bear it out. The workflow computes the proposal from them (the dated scale, the year's
 * earlier deliveries, HF-1): the social worker records facts, not the amount.
 */
export const HEATING_ALLOWANCE_TASK_KINDS = {
  ...PIPELINE_TASK_KINDS,
  ...CASEWORK_TASK_KINDS,
  'heating-inquiry': {
    kind: 'heating-inquiry',
    title: 'Onderzoek verwarmingstoelage (factuur en categorie)',
    role: 'social-worker',
    outcomeSchema: object(['fuel', 'deliveryDate', 'category'], {
      fuel: choice('Brandstof', HEATING_FUEL_CHOICES),
      deliveryDate: date('Leveringsdatum op de factuur of het aankoopbewijs'),
      litres: { type: 'integer', title: 'Aantal liter op de factuur (bulk)', minimum: 1, maximum: 1_000_000 },
      pricePerLitreMilli: {
        type: 'integer', title: 'Prijs per liter op de factuur, btw inbegrepen (bulk)', minimum: 1, maximum: 100_000,
        description: 'In duizendsten van een euro, zoals op de factuur: € 1,065 per liter is 1065.',
      },
      flatsInBuilding: { type: 'integer', title: 'Aantal woongelegenheden in het gebouw (gemeenschappelijke factuur)', minimum: 1, maximum: 1000 },
      category: choice('Categorie', Object.entries(HEATING_CATEGORIES).map(([c, label]) => [Number(c), label] as [number, string])),
      increasedReimbursement: choice('Recht op verhoogde tegemoetkoming (ziekenfonds)?', [[true, 'Ja'], [false, 'Nee']]),
      householdIncomeCents: cents('Bruto belastbaar inkomen van het huishouden per jaar (cent)'),
      dependants: { type: 'integer', title: 'Personen ten laste', minimum: 0, maximum: 30 },
      inDebtMediation: choice('In schuldbemiddeling of collectieve schuldenregeling?', [[true, 'Ja'], [false, 'Nee']]),
      cannotPay: choice('Kan de aanvrager de verwarmingsfactuur niet betalen?', [[true, 'Ja, vastgesteld'], [false, 'Nee']]),
      invoiceUnpaid: choice('Is de factuur nog onbetaald?', [[true, 'Ja'], [false, 'Nee, betaald']]),
      supplierPartyId: { type: 'string', format: 'uuid', title: 'Leverancier (partij van het dossier)', 'x-pick': 'dossier-party' },
      forceMajeure: { type: 'string', title: 'Overmacht: waarom de aanvraag later dan 60 dagen na de levering kwam', maxLength: 2000 },
      notes,
    },
    requiredWhen('category', 1, ['increasedReimbursement', 'householdIncomeCents'], 'for category 1'),
    requiredWhen('category', 2, ['householdIncomeCents'], 'for category 2'),
    requiredWhen('category', 3, ['inDebtMediation', 'cannotPay', 'invoiceUnpaid'], 'for category 3'),
    // HF-3: in category 3 an unpaid invoice is paid to the supplier.
    { if: { properties: { category: { const: 3 }, invoiceUnpaid: { const: true } }, required: ['category', 'invoiceUnpaid'] }, then: { required: ['supplierPartyId'], description: 'for an unpaid invoice in category 3' } },
    // A bulk delivery states its litres and its price per litre (the bracket).
    ...BULK_FUELS.map((fuel) => requiredWhen('fuel', fuel, ['litres', 'pricePerLitreMilli'], 'for a delivery in bulk')),
    ),
  },
} satisfies Record<string, TaskKind>;

/**
 * The advance on a benefit (domain §10; libs/domain/benefit-advance.ts): the inquiry records the benefit, its
 * application and the check with the paying body, the amounts and the paying body as a party of the dossier; the
 * workflow computes the proposal. After the paying body's arrears or its refusal of the benefit, the social worker
 * settles the file: wait for more arrears, close it, or turn it into a request for leefloon or social aid.
 */
export const BENEFIT_ADVANCE_TASK_KINDS = {
  ...PIPELINE_TASK_KINDS,
  ...CASEWORK_TASK_KINDS,
  'advance-inquiry': {
    kind: 'advance-inquiry',
    title: 'Onderzoek voorschot op een uitkering (nagaan bij de uitbetalingsinstelling)',
    role: 'social-worker',
    outcomeSchema: object(['benefit', 'benefitAppliedOn', 'applicationPending', 'payingBodyPartyId', 'expectedMonthlyBenefitCents', 'monthlyAdvanceCents', 'advanceFrom'], {
      benefit: choice('Uitkering', Object.entries(ADVANCE_BENEFITS).map(([b, x]) => [b, x.label.charAt(0).toUpperCase() + x.label.slice(1)] as [string, string])),
      benefitAppliedOn: date('Datum van de aanvraag van de uitkering'),
      applicationPending: choice('Bevestigt de uitbetalingsinstelling dat de aanvraag loopt en nog niet betaald is?', [[true, 'Ja'], [false, 'Nee']]),
      payingBodyPartyId: { type: 'string', format: 'uuid', title: 'Uitbetalingsinstelling (partij van het dossier)', 'x-pick': 'dossier-party' },
      expectedMonthlyBenefitCents: { ...cents('Verwachte uitkering per maand (cent)'), minimum: 1 },
      monthlyAdvanceCents: { ...cents('Voorgesteld voorschot per maand (cent)'), minimum: 1 },
      advanceFrom: { type: 'string', format: 'date', title: 'Voorschot vanaf' },
      notes,
    }),
    // Aid covers the time from the request on (the OCMW does not pay for a past it was not asked for): our choice.
    check: (o, ctx) => notBefore(o, 'advanceFrom', ctx.requestDate, 'the request date'),
  },
  'advance-settlement': {
    kind: 'advance-settlement',
    title: 'Voorschot: afsluiten, verder wachten of omzetten',
    role: 'social-worker',
    outcomeSchema: object(['action', 'note'], {
      action: choice('Wat gebeurt er met het dossier?', [
        ['wait', 'Verder wachten op achterstallen van de uitbetalingsinstelling'],
        ['close', 'Afsluiten'],
        ['convert-leefloon', 'Omzetten: aanvraag leefloon openen'],
        ['convert-social-aid', 'Omzetten: aanvraag maatschappelijke dienstverlening openen'],
      ]),
      note: text('Toelichting', 4000),
    }),
  },
} satisfies Record<string, TaskKind>;

/** A day still to come (a first instalment): a date without the "not in the future" rule of `date`. */
const dayAhead = (title: string): JsonSchema => ({ type: 'string', format: 'date', title });
const partyPick = (title: string): JsonSchema => ({ type: 'string', format: 'uuid', title, 'x-pick': 'dossier-party' });

/**
 * The rent guarantee (domain §6; libs/domain/rent-guarantee.ts): the inquiry records the lease (its date decides the
 * law and the cap), the rent, the guarantee asked and its form, the landlord and — for a blocked account or a bank
 * guarantee — the bank as parties of the dossier, the blocked account's number and the client's repayment (a deposit
 * is an advance the client repays, domain §6.1 "OCMW practice"). The workflow computes the proposal. After the second
 * missed instalment the social worker decides how the repayment goes on.
 */
export const RENT_GUARANTEE_TASK_KINDS = {
  ...PIPELINE_TASK_KINDS,
  ...CASEWORK_TASK_KINDS,
  'guarantee-inquiry': {
    kind: 'guarantee-inquiry',
    title: 'Onderzoek huurwaarborg (huurovereenkomst, huurprijs en vorm van de waarborg)',
    role: 'social-worker',
    outcomeSchema: object(['leaseSignedOn', 'monthlyRentCents', 'guaranteeCents', 'form', 'landlordPartyId', 'rentAffordable', 'homeDeclaredUnfit'], {
      leaseSignedOn: dayAhead('Datum van de huurovereenkomst (of het ontwerp)'),
      monthlyRentCents: { ...cents('Huurprijs per maand (cent)'), minimum: 1 },
      guaranteeCents: { ...cents('Gevraagde huurwaarborg (cent)'), minimum: 1 },
      form: choice('Vorm van de waarborg', Object.entries(GUARANTEE_FORMS) as [string, string][]),
      landlordPartyId: partyPick('Verhuurder (partij van het dossier)'),
      bankPartyId: partyPick('Bank van de geblokkeerde rekening of de bankwaarborg (partij van het dossier)'),
      blockedAccountIban: { type: 'string', format: 'iban', title: 'Geblokkeerde huurwaarborgrekening op naam van de huurder (IBAN)' },
      rentAffordable: choice('Is de huurprijs betaalbaar met het inkomen van het huishouden?', [[true, 'Ja'], [false, 'Nee']]),
      homeDeclaredUnfit: choice('Is de woning ongeschikt of onbewoonbaar verklaard?', [[false, 'Nee'], [true, 'Ja']]),
      monthlyRepaymentCents: { ...cents('Afbetaling door de cliënt per maand (cent)'), minimum: 1 },
      firstRepaymentOn: dayAhead('Eerste afbetaling op'),
      notes,
    },
    requiredWhen('form', 'blocked-account', ['bankPartyId', 'blockedAccountIban', 'monthlyRepaymentCents', 'firstRepaymentOn'], 'for a deposit on a blocked account (an advance the client repays)'),
    requiredWhen('form', 'bank-guarantee', ['bankPartyId'], 'for a bank guarantee')),
    // The plan starts after the request (our choice: no instalment before the OCMW was asked for the guarantee).
    check: (o, ctx) => notBefore(o, 'firstRepaymentOn', ctx.requestDate, 'the request date'),
  },
  'guarantee-arrears': {
    kind: 'guarantee-arrears',
    title: 'Huurwaarborg: afbetalingen achter (tweede gemiste afbetaling)',
    role: 'social-worker',
    outcomeSchema: object(['action', 'note'], {
      action: choice('Hoe gaat de terugbetaling verder?', [
        ['continue', 'Verder volgens het plan (de cliënt betaalt de achterstand bij)'],
        ['new-plan', 'Nieuw afbetalingsplan voor wat nog openstaat'],
        ['await-release', 'Geen herinneringen meer: verrekenen bij de vrijgave van de waarborg'],
      ]),
      monthlyRepaymentCents: { ...cents('Nieuwe afbetaling per maand (cent)'), minimum: 1 },
      firstRepaymentOn: dayAhead('Eerste afbetaling van het nieuwe plan op'),
      note: text('Toelichting (het gesprek met de cliënt)', 4000),
    }, requiredWhen('action', 'new-plan', ['monthlyRepaymentCents', 'firstRepaymentOn'], 'for a new plan')),
    check: (o, ctx) => notBefore(o, 'firstRepaymentOn', ctx.today, 'today'),
  },
  // A guarantee letter called at the release: the OCMW paid the landlord, the client repays it (by a plan, or the
  // BCSD decides on its recovery).
  'guarantee-recovery': {
    kind: 'guarantee-recovery',
    title: 'Huurwaarborg aangesproken: terugbetaling door de cliënt regelen',
    role: 'social-worker',
    outcomeSchema: object(['action', 'note'], {
      action: choice('Hoe betaalt de cliënt het OCMW terug?', [['plan', 'Met een afbetalingsplan'], ['no-plan', 'Geen plan (terugvordering alleen na een beslissing van het BCSD)']]),
      monthlyRepaymentCents: { ...cents('Afbetaling per maand (cent)'), minimum: 1 },
      firstRepaymentOn: dayAhead('Eerste afbetaling op'),
      note: text('Toelichting (het gesprek met de cliënt)', 4000),
    }, requiredWhen('action', 'plan', ['monthlyRepaymentCents', 'firstRepaymentOn'], 'for a plan')),
    check: (o, ctx) => notBefore(o, 'firstRepaymentOn', ctx.today, 'today'),
  },
} satisfies Record<string, TaskKind>;

/**
 * The contribution to placement costs (domain §11; libs/domain/placement-costs.ts): the inquiry records the care home
 * (a party of the dossier, the payee), the admission, the resident's income, the care home's expected price, the
 * savings (a couple has its own ceiling), property and the maintenance debtors; the workflow computes the proposal. Each
 * year the social worker reviews the income (pensions are indexed); at the end, what is recovered.
 */
export const PLACEMENT_COSTS_TASK_KINDS = {
  ...PIPELINE_TASK_KINDS,
  ...CASEWORK_TASK_KINDS,
  'placement-inquiry': {
    kind: 'placement-inquiry',
    title: 'Onderzoek tussenkomst in de verblijfskosten (woonzorgcentrum)',
    role: 'social-worker',
    outcomeSchema: object(['careHomePartyId', 'admittedOn', 'monthlyIncomeCents', 'expectedInvoiceCents', 'savingsCents', 'couple', 'property', 'maintenanceDebtors'], {
      careHomePartyId: partyPick('Woonzorgcentrum (partij van het dossier)'),
      admittedOn: date('Opgenomen in het woonzorgcentrum op'),
      monthlyIncomeCents: cents('Inkomen van de bewoner per maand (cent)'),
      expectedInvoiceCents: { ...cents('Verwachte factuur van het woonzorgcentrum per maand (cent)'), minimum: 1 },
      savingsCents: cents('Spaargelden (cent)'),
      couple: choice('Gehuwd of wettelijk samenwonend (het plafond van een koppel)?', [[false, 'Nee'], [true, 'Ja']]),
      property: choice('Onroerend goed (ook verkocht in de laatste tien jaar)?', [[false, 'Nee'], [true, 'Ja']]),
      maintenanceDebtors: choice('Onderhoudsplichtigen (art. 98 §2 OCMW-wet)', [
        ['none', 'Geen'], ['examine', 'Bijdrage onderzoeken (aanslagbiljetten opvragen)'], ['waived', 'Het OCMW ziet af van de terugvordering'],
      ]),
      notes,
    }),
  },
  'placement-review': {
    kind: 'placement-review',
    title: 'Jaarlijkse herziening tussenkomst verblijfskosten (inkomen en spaargelden)',
    role: 'social-worker',
    outcomeSchema: object(['monthlyIncomeCents', 'savingsCents', 'note'], {
      monthlyIncomeCents: cents('Inkomen van de bewoner per maand, na indexering (cent)'),
      savingsCents: cents('Spaargelden (cent)'),
      note: text('Toelichting', 4000),
    }),
  },
  // The maintenance debtors (art. 98 §2 OCMW-wet) the inquiry said to examine: linked as parties of the dossier first.
  'maintenance-debtors': {
    kind: 'maintenance-debtors',
    title: 'Onderhoudsplichtigen koppelen als partij van het dossier (rol Onderhoudsplichtige), dan afronden',
    role: 'social-worker',
    outcomeSchema: object(['note'], { note: text('Wie zijn de onderhoudsplichtigen (echtgeno(o)t(e), kinderen)?', 4000) }),
  },
  // One per debtor (its title names the party): the tax assessment the letter asked for, or why there is none.
  'maintenance-debtor-assessment': {
    kind: 'maintenance-debtor-assessment',
    title: 'Aanslagbiljet van een onderhoudsplichtige verwerken',
    role: 'social-worker',
    outcomeSchema: object(['answer', 'note'], {
      answer: choice('Antwoord van de onderhoudsplichtige', [
        ['assessed', 'Aanslagbiljet ontvangen: bijdrage volgens de eenvormige schaal'],
        ['not-received', 'Geen aanslagbiljet ontvangen: het BCSD beslist over de hoogste bijdrage'],
        ['waive', 'Voorstel: afzien van een bijdrage (billijkheid)'],
      ]),
      incomeYear: { type: 'integer', title: 'Inkomstenjaar van het aanslagbiljet', minimum: 2000, maximum: 2100 },
      netTaxableIncomeCents: cents('Netto belastbaar inkomen van dat jaar (cent)'),
      dependants: { type: 'integer', title: 'Aantal personen ten laste', minimum: 0, maximum: 20 },
      note: text('Toelichting (voor het BCSD)', 4000),
    }, requiredWhen('answer', 'assessed', ['incomeYear', 'netTaxableIncomeCents', 'dependants'], 'for an assessment')),
    check: (o, ctx) =>
      typeof o.incomeYear === 'number' && o.incomeYear > Number(ctx.today.slice(0, 4))
        ? [{ path: '/incomeYear', code: 'too-late', message: `is an income year that has ended: at most ${ctx.today.slice(0, 4)}` }]
        : [],
  },
  'placement-closure': {
    kind: 'placement-closure',
    title: 'Tussenkomst verblijfskosten afsluiten (terugvordering)',
    role: 'social-worker',
    outcomeSchema: object(['recovery', 'note'], {
      recovery: choice('Terugvordering', [
        ['none', 'Geen terugvordering'], ['estate', 'Op de nalatenschap (beslissing van het BCSD)'], ['property', 'Bij de verkoop van het onroerend goed (beslissing van het BCSD)'],
      ]),
      note: text('Toelichting', 4000),
    }),
  },
} satisfies Record<string, TaskKind>;

/** A day still to come (an appointment), at most a year ahead. */
const comingDay = (title: string): JsonSchema => ({ type: 'string', format: 'date', title, 'x-notPast': true, 'x-maxYearsAhead': 1 });
/** The next appointment is after today: an appointment's day names its task (one a day). */
const afterToday = (o: Record<string, unknown>, ctx: TaskContext): SchemaError[] =>
  typeof o.nextAppointmentOn === 'string' && o.nextAppointmentOn <= ctx.today
    ? [{ path: '/nextAppointmentOn', code: 'too-early', message: `must be after today (${ctx.today})` }]
    : [];

/**
 * The counselling dossier (psychosociale begeleiding, seed task 5): guidance rather than money. The intake (the first
 * conversation, under the OCMW's service norm PB-1), the goals agreed with the client and how often they are
 * evaluated, each follow-up appointment (its case note, the next appointment), the periodic evaluation, and the
 * closure with a short report. Case notes beside them and referrals are the dossier's own sections (shared casework).
 */
export const COUNSELLING_TASK_KINDS = {
  ...CASEWORK_TASK_KINDS,
  'counselling-intake': {
    kind: 'counselling-intake',
    title: 'Intakegesprek psychosociale begeleiding',
    role: 'social-worker',
    outcomeSchema: object(['heldOn', 'mainConcern', 'situation', 'guidance'], {
      heldOn: date('Datum van het intakegesprek'),
      mainConcern: choice('Belangrijkste hulpvraag', [
        ['family', 'Gezin en relaties'], ['mental-wellbeing', 'Psychisch welzijn'], ['isolation', 'Sociaal isolement'], ['administration', 'Administratie en papieren'],
        ['housing', 'Wonen'], ['addiction', 'Verslaving'], ['parenting', 'Opvoeding'], ['other', 'Andere'],
      ]),
      situation: text('Situatie en hulpvraag (verslag van het intakegesprek)', 4000),
      guidance: choice('Begeleiding?', [
        ['start', 'Ja: doelen afspreken met de cliënt'],
        ['referred', 'Nee: doorverwezen (de doorverwijzing staat in het dossier)'],
        ['not-needed', 'Nee: geen begeleiding nodig'],
      ]),
    }),
  },
  'counselling-goals': {
    kind: 'counselling-goals',
    title: 'Doelen van de begeleiding afspreken met de cliënt',
    role: 'social-worker',
    outcomeSchema: object(['agreedOn', 'goals', 'evaluationEveryMonths', 'firstAppointmentOn'], {
      agreedOn: date('Afgesproken op'),
      goals: text('Afgesproken doelen (één per regel)', 4000),
      evaluationEveryMonths: choice('Evaluatie om de', [[1, '1 maand'], [2, '2 maanden'], [3, '3 maanden'], [6, '6 maanden']]),
      firstAppointmentOn: comingDay('Eerste opvolggesprek op'),
    }),
  },
  'counselling-appointment': {
    kind: 'counselling-appointment',
    title: 'Opvolggesprek psychosociale begeleiding',
    role: 'social-worker',
    outcomeSchema: object(['result', 'note'], {
      result: choice('Gesprek', [['held', 'Het gesprek vond plaats'], ['no-show', 'De cliënt kwam niet'], ['moved', 'Afgezegd of verplaatst']]),
      note: text('Notitie bij het gesprek', 4000),
      nextAppointmentOn: comingDay('Volgend gesprek op (leeg: geen afspraak tot de evaluatie)'),
    }),
    check: afterToday,
  },
  'counselling-evaluation': {
    kind: 'counselling-evaluation',
    title: 'Evaluatie van de psychosociale begeleiding',
    role: 'social-worker',
    outcomeSchema: object(['progress', 'decision', 'note'], {
      progress: choice('Voortgang', [['reached', 'De doelen zijn bereikt'], ['progress', 'Vooruitgang'], ['none', 'Geen vooruitgang']]),
      decision: choice('Beslissing', [['continue', 'Begeleiding voortzetten'], ['close', 'Begeleiding afsluiten']]),
      goals: { type: 'string', title: 'Bijgestelde doelen (leeg: ongewijzigd)', maxLength: 4000 },
      note: text('Evaluatie', 4000),
      nextAppointmentOn: comingDay('Volgend gesprek op'),
    }, requiredWhen('decision', 'continue', ['nextAppointmentOn'], 'when the guidance continues')),
    check: afterToday,
  },
  'counselling-closure': {
    kind: 'counselling-closure',
    title: 'Psychosociale begeleiding afsluiten (kort verslag)',
    role: 'social-worker',
    outcomeSchema: object(['reason', 'report'], {
      reason: choice('Reden van afsluiting', [
        ['goals-reached', 'De doelen zijn bereikt'], ['client-stopped', 'De cliënt stopt'], ['referred', 'Doorverwezen'],
        ['no-contact', 'Geen contact meer'], ['moved', 'Verhuisd'], ['other', 'Andere'],
      ]),
      report: text('Kort verslag van de begeleiding', 4000),
    }),
  },
} satisfies Record<string, TaskKind>;

/**
 * The LOI's task kinds (libs/procedures/loi.ts; domain §4.1): the intake on arrival (art. 14 Opvangwet: the house rules
 * and the information brochure handed over; the waiting register), the evaluations of the reception needs (LOI-1, LOI-2:
 * KB 25 April 2007) and, after a recognition, the identification number the leefloon needs before form B can go.
 */
export const LOI_TASK_KINDS = {
  ...CASEWORK_TASK_KINDS,
  'collect-iban': PIPELINE_TASK_KINDS['collect-iban'],
  'loi-intake': {
    kind: 'loi-intake',
    title: 'Onthaal in het LOI (aankomst)',
    role: 'social-worker',
    outcomeSchema: object(['arrivalDate', 'placeId', 'houseRulesHandedOver', 'brochureHandedOver', 'waitingRegisterOn', 'selfCatering', 'leefgeldMethod'], {
      arrivalDate: date('Dag van aankomst'),
      placeId: { type: 'string', format: 'uuid', title: 'Opvangplaats', 'x-pick': 'loi-place' },
      // Art. 14 Opvangwet: on arrival the resident receives the house rules and the information brochure.
      houseRulesHandedOver: choice('Huishoudelijk reglement overhandigd (art. 14 Opvangwet)', [[true, 'Ja']]),
      brochureHandedOver: choice('Onthaalbrochure overhandigd (art. 14 Opvangwet)', [[true, 'Ja']]),
      waitingRegisterOn: date('Ingeschreven in het wachtregister op'),
      selfCatering: choice('Kookt het gezin zelf?', [[true, 'Ja, zelf kokend'], [false, 'Nee, maaltijden voorzien']]),
      leefgeldMethod: choice('Uitbetaling van het leefgeld', [['cash', 'Contant tegen ontvangstbewijs'], ['transfer', 'Overschrijving op een rekening']]),
      notes,
    }),
    check: (o, ctx) => notBefore(o, 'arrivalDate', ctx.requestDate, 'the assignment date'),
  },
  'loi-evaluation': {
    kind: 'loi-evaluation',
    title: 'Evaluatie van de opvangbehoeften',
    role: 'social-worker',
    outcomeSchema: object(
      ['evaluatedOn', 'needs', 'vulnerable', 'transferRequested'],
      {
        evaluatedOn: date('Datum van de evaluatie'),
        needs: text('Opvangbehoeften en verslag', 8000),
        vulnerable: choice('Bijzondere opvangnoden (kwetsbaar)?', [[true, 'Ja'], [false, 'Nee']]),
        transferRequested: choice('Transfer naar een aangepaste opvangplaats aanvragen bij Fedasil?', [[true, 'Ja'], [false, 'Nee']]),
        transferReason: text('Reden van de transfer', 4000),
      },
      requiredWhen('transferRequested', true, ['transferReason'], 'a transfer request states its reason'),
    ),
    check: (o, ctx) => notBefore(o, 'evaluatedOn', ctx.requestDate, 'the assignment date'),
  },
  'loi-identification': {
    kind: 'loi-identification',
    title: 'Rijksregister- of bisnummer aanvragen voor elke volwassene van het gezin (na erkenning)',
    role: 'social-worker',
    outcomeSchema: object(['numberKind', 'requestedOn', 'note'], {
      numberKind: choice('Aangevraagd nummer', [['national-number', 'Rijksregisternummer (inschrijving in de gemeente)'], ['bis-number', 'Bisnummer (KSZ)']]),
      requestedOn: date('Aangevraagd op'),
      note: text('Notitie', 2000),
    }),
  },
} satisfies Record<string, TaskKind>;

/**
 * Schema first — the standalone validator generated from `outcomeSchema` under `<procedure>/<kind>`, so it runs in the
 * workflow sandbox without compiling — then the kind's own context rules: one list of errors in the API's error shape.
 */
export function validateOutcome(k: TaskKind, outcome: unknown, ctx: TaskContext, validatorKey: string): SchemaError[] {
  const validate = OUTCOME_VALIDATORS[validatorKey];
  if (!validate) throw new RangeError(`no generated validator for task kind ${validatorKey}: run npm run generate:validators`);
  const errors = runValidator(validate, k.outcomeSchema, outcome, { today: ctx.today });
  if (errors.length > 0 || !k.check) return errors;
  return k.check(outcome as Record<string, unknown>, ctx);
}
