import { BENEFIT_ADVANCE_TASK_KINDS, COUNSELLING_TASK_KINDS, PLACEMENT_COSTS_TASK_KINDS, RENT_GUARANTEE_TASK_KINDS, DEBT_MEDIATION_TASK_KINDS, HEATING_ALLOWANCE_TASK_KINDS, LEEFLOON_TASK_KINDS, LOI_TASK_KINDS, SOCIAL_AID_TASK_KINDS } from '../../../libs/tasks/task-kinds';

const TASK_KINDS = { ...LEEFLOON_TASK_KINDS, ...SOCIAL_AID_TASK_KINDS, ...DEBT_MEDIATION_TASK_KINDS, ...LOI_TASK_KINDS, ...HEATING_ALLOWANCE_TASK_KINDS, ...BENEFIT_ADVANCE_TASK_KINDS, ...RENT_GUARANTEE_TASK_KINDS, ...PLACEMENT_COSTS_TASK_KINDS, ...COUNSELLING_TASK_KINDS };
import type { TaskKindName, TaskOutcomes } from '../../../libs/tasks/task-outcomes';

/**
 * The outcome types (task-outcomes.ts) and the outcome schemas (task-kinds.ts) name the same fields, each required or
 * optional alike. The type of FIELDS makes the compiler check this table against the types (every field of every kind,
 * tagged by its optionality, nothing more); the tests check the table against the schemas.
 */
type Tagged<T> = { readonly [F in keyof T]-?: object extends Pick<T, F> ? 'optional' : 'required' };
const FIELDS: { readonly [K in TaskKindName]: Tagged<TaskOutcomes[K]> } = {
  'competence-check': {
    competent: 'required', rule: 'required', competentOcmw: 'optional', reasons: 'optional',
    situation: 'optional', usualResidence: 'optional', registeredIn: 'optional', institutionKind: 'optional', registeredOnAdmission: 'optional',
    firstAdmissionRegisteredIn: 'optional', studentRegisteredIn: 'optional', actualStay: 'optional', registrationPlace: 'optional',
  },
  'forward-request': { forwardedTo: 'required', forwardedToOcmw: 'optional', forwardDate: 'required', reasons: 'required', decidedBy: 'optional' },
  'submit-competence-conflict': { submittedOn: 'required', podMiReference: 'optional', reasons: 'required' },
  'competence-change-stop': { proposeStop: 'required', stopFrom: 'optional', motivation: 'required' },
  'forwarding-letter': { sentDate: 'required', mode: 'required' },
  'social-inquiry': {
    homeVisitDate: 'required',
    householdType: 'required',
    householdSize: 'required',
    monthlyResourcesCents: 'required',
    proposedCategory: 'required',
    swornStatementDate: 'optional',
    hearingRequested: 'required',
    notes: 'optional',
    missingDocuments: 'optional',
  },
  'documents-received': { receivedOn: 'required', complete: 'required', notes: 'optional' },
  'referral-follow-up': { result: 'required', note: 'required', nextFollowUpOn: 'optional' },
  'social-report': { proposal: 'required', category: 'optional', monthlyAmountCents: 'optional', startDate: 'optional', motivation: 'required' },
  decision: {
    result: 'required',
    decisionDate: 'required',
    body: 'optional',
    category: 'optional',
    monthlyAmountCents: 'optional',
    startDate: 'optional',
    motivation: 'required',
  },
  'decision-notification': { mode: 'required', date: 'required', trackingNumber: 'optional' },
  'collect-iban': { iban: 'required' },
  'gpmi-signature': { signedOn: 'required', type: 'required', goals: 'required' },
  'gpmi-evaluation': { evaluatedOn: 'required', faceToFace: 'required', summary: 'required' },
  'yearly-review': {
    homeVisitDate: 'required',
    proposal: 'required',
    category: 'required',
    monthlyResourcesCents: 'required',
    endDate: 'optional',
    motivation: 'required',
  },
  'aid-inquiry': {
    homeVisitDate: 'required',
    residenceStatus: 'required',
    rijksregisterCode: 'required',
    stateReimbursed: 'required',
    householdType: 'required',
    monthlyResourcesCents: 'required',
    hearingRequested: 'required',
    notes: 'optional',
    missingDocuments: 'optional',
  },
  'recovery-proposal': { aidPaidCents: 'required', recoverCents: 'required', subrogation: 'required', motivation: 'required' },
  'aid-report': {
    proposal: 'required',
    aidForm: 'optional',
    category: 'optional',
    monthlyAmountCents: 'optional',
    startDate: 'optional',
    amountCents: 'optional',
    aidDescription: 'optional',
    payeePartyId: 'optional',
    motivation: 'required',
  },
  'debt-inquiry': {
    totalDebtsCents: 'required',
    creditorCount: 'required',
    monthlyIncomeCents: 'required',
    priorityDebts: 'required',
    hearingRequested: 'required',
    notes: 'optional',
    missingDocuments: 'optional',
  },
  'debt-report': { proposal: 'required', guidanceType: 'optional', durationMonths: 'optional', motivation: 'required' },
  'trajectory-agreement': { signed: 'required', signedOn: 'optional', note: 'required' },
  'debt-evaluation': { interviewDate: 'required', proposal: 'required', guidanceType: 'optional', durationMonths: 'optional', report: 'required' },
  'budget-shortfall': { action: 'required', note: 'required' },
  'creditor-no-answer': { action: 'required', note: 'required' },
  'csr-amicable-plan': { sentOn: 'required', note: 'required' },
  'loi-intake': {
    arrivalDate: 'required', placeId: 'required', houseRulesHandedOver: 'required', brochureHandedOver: 'required', waitingRegisterOn: 'required',
    selfCatering: 'required', leefgeldMethod: 'required', notes: 'optional',
  },
  'loi-evaluation': { evaluatedOn: 'required', needs: 'required', vulnerable: 'required', transferRequested: 'required', transferReason: 'optional' },
  'loi-identification': { numberKind: 'required', requestedOn: 'required', note: 'required' },
  'heating-inquiry': {
    fuel: 'required', deliveryDate: 'required', litres: 'optional', pricePerLitreMilli: 'optional', flatsInBuilding: 'optional', category: 'required',
    increasedReimbursement: 'optional', householdIncomeCents: 'optional', dependants: 'optional', inDebtMediation: 'optional', cannotPay: 'optional',
    invoiceUnpaid: 'optional', supplierPartyId: 'optional', forceMajeure: 'optional', notes: 'optional',
  },
  'advance-inquiry': {
    benefit: 'required', benefitAppliedOn: 'required', applicationPending: 'required', payingBodyPartyId: 'required',
    expectedMonthlyBenefitCents: 'required', monthlyAdvanceCents: 'required', advanceFrom: 'required', notes: 'optional',
  },
  'advance-settlement': { action: 'required', note: 'required' },
  'guarantee-inquiry': {
    leaseSignedOn: 'required', monthlyRentCents: 'required', guaranteeCents: 'required', form: 'required', landlordPartyId: 'required',
    bankPartyId: 'optional', blockedAccountIban: 'optional', rentAffordable: 'required', homeDeclaredUnfit: 'required',
    monthlyRepaymentCents: 'optional', firstRepaymentOn: 'optional', notes: 'optional',
  },
  'guarantee-arrears': { action: 'required', monthlyRepaymentCents: 'optional', firstRepaymentOn: 'optional', note: 'required' },
  'guarantee-recovery': { action: 'required', monthlyRepaymentCents: 'optional', firstRepaymentOn: 'optional', note: 'required' },
  'placement-inquiry': {
    careHomePartyId: 'required', admittedOn: 'required', monthlyIncomeCents: 'required', expectedInvoiceCents: 'required', savingsCents: 'required',
    couple: 'required', property: 'required', maintenanceDebtors: 'required', notes: 'optional',
  },
  'placement-review': { monthlyIncomeCents: 'required', savingsCents: 'required', note: 'required' },
  'placement-closure': { recovery: 'required', note: 'required' },
  'maintenance-debtors': { note: 'required' },
  'maintenance-debtor-assessment': { answer: 'required', incomeYear: 'optional', netTaxableIncomeCents: 'optional', dependants: 'optional', note: 'required' },
  'counselling-intake': { heldOn: 'required', mainConcern: 'required', situation: 'required', guidance: 'required' },
  'counselling-goals': { agreedOn: 'required', goals: 'required', evaluationEveryMonths: 'required', firstAppointmentOn: 'required' },
  'counselling-appointment': { result: 'required', note: 'required', nextAppointmentOn: 'optional' },
  'counselling-evaluation': { progress: 'required', decision: 'required', goals: 'optional', note: 'required', nextAppointmentOn: 'optional' },
  'counselling-closure': { reason: 'required', report: 'required' },
};

describe('outcome types match the outcome schemas', () => {
  it('every task kind has a type, and every type a task kind', () => {
    expect(Object.keys(FIELDS).sort()).toEqual(Object.keys(TASK_KINDS).sort());
  });

  it.each(Object.keys(FIELDS) as TaskKindName[])('%s: the same fields, required alike', (kind) => {
    const schema = TASK_KINDS[kind].outcomeSchema;
    const fields: Record<string, string> = FIELDS[kind];
    expect(Object.keys(fields).sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
    expect(Object.keys(fields).filter((f) => fields[f] === 'required').sort()).toEqual([...(schema.required ?? [])].sort());
  });

  it.each(Object.keys(FIELDS) as TaskKindName[])('%s: each allowed constant of the schema is a value of the type', (kind) => {
    // Checked by the compiler: a table of the schema's constants, typed by the outcome type, for the fields with a choice.
    const schema = TASK_KINDS[kind].outcomeSchema;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      for (const option of property.oneOf ?? []) expect(['string', 'number', 'boolean']).toContain(typeof option.const);
      if (property.oneOf) expect(CHOICES[kind]?.[name as never]).toEqual(property.oneOf.map((o) => o.const));
    }
  });
});

type Choices<T> = { readonly [F in keyof T]?: readonly NonNullable<T[F]>[] };
const CATEGORIES = [1, 2, 3] as const;
const CHOICES: { readonly [K in TaskKindName]: Choices<TaskOutcomes[K]> } = {
  'competence-check': {
    competent: [true, false], rule: ['usual-residence', 'institution', 'student', 'homeless', 'asylum', 'other'],
    situation: ['usual-residence', 'registered-only', 'institution', 'student', 'homeless', 'international-protection'],
    institutionKind: ['psychiatric-hospital', 'psychiatric-care-home', 'disabled-care', 'youth-care', 'care-home', 'prison', 'paaz', 'supported-living'],
  },
  'forward-request': { decidedBy: ['social-service', 'chair-urgent'] },
  'submit-competence-conflict': {},
  'competence-change-stop': { proposeStop: [true, false] },
  'forwarding-letter': { mode: ['letter', 'registered', 'hand'] },
  'social-inquiry': { householdType: ['single', 'cohabiting', 'family'], proposedCategory: CATEGORIES, hearingRequested: [true, false] },
  'documents-received': { complete: [true, false] },
  'referral-follow-up': { result: ['contact-opgenomen', 'niet-bereikt', 'afgesloten'] },
  'social-report': { proposal: ['grant', 'refuse'], category: CATEGORIES },
  decision: { result: ['granted', 'refused'], body: ['bcsd', 'subcommittee', 'chair-urgent'], category: CATEGORIES },
  'decision-notification': { mode: ['registered', 'against-receipt'] },
  'collect-iban': {},
  'gpmi-signature': { type: ['work', 'training', 'studies', 'social-activation'] },
  'gpmi-evaluation': { faceToFace: [true, false] },
  'yearly-review': { proposal: ['continue', 'revise', 'stop'], category: CATEGORIES },
  'aid-inquiry': {
    residenceStatus: ['population-register', 'foreigners-register', 'international-protection', 'other'],
    rijksregisterCode: ['none', '206', '207'],
    stateReimbursed: [true, false],
    householdType: ['single', 'cohabiting', 'family'],
    hearingRequested: [true, false],
  },
  'recovery-proposal': { subrogation: [true, false] },
  'aid-report': {
    proposal: ['grant', 'refuse'],
    aidForm: ['equivalent-leefloon', 'one-off', 'in-kind', 'guarantee', 'advance'],
    category: CATEGORIES,
  },
  'debt-inquiry': { priorityDebts: [true, false], hearingRequested: [true, false] },
  'debt-report': { proposal: ['grant', 'refuse'], guidanceType: ['budget-guidance', 'budget-management', 'amicable-mediation'] },
  'trajectory-agreement': { signed: [true, false] },
  'debt-evaluation': { proposal: ['continue', 'change-type', 'end'], guidanceType: ['budget-guidance', 'budget-management', 'amicable-mediation'] },
  'budget-shortfall': { action: ['retry', 'skip'] },
  'creditor-no-answer': { action: ['called', 'resend', 'close'] },
  'csr-amicable-plan': {},
  'loi-intake': { houseRulesHandedOver: [true], brochureHandedOver: [true], selfCatering: [true, false], leefgeldMethod: ['cash', 'transfer'] },
  'loi-evaluation': { vulnerable: [true, false], transferRequested: [true, false] },
  'loi-identification': { numberKind: ['national-number', 'bis-number'] },
  'heating-inquiry': {
    fuel: ['gas-oil-bulk', 'propane-bulk', 'gas-oil-pump', 'kerosene-pump', 'natural-gas', 'electricity', 'bottled-gas', 'pellets', 'wood', 'coal'],
    category: [1, 2, 3], increasedReimbursement: [true, false], inDebtMediation: [true, false], cannotPay: [true, false], invoiceUnpaid: [true, false],
  },
  'advance-inquiry': { benefit: ['unemployment', 'sickness', 'disability', 'pension', 'family-allowance', 'other'], applicationPending: [true, false] },
  'advance-settlement': { action: ['wait', 'close', 'convert-leefloon', 'convert-social-aid'] },
  'guarantee-inquiry': { form: ['guarantee-letter', 'bank-guarantee', 'blocked-account'], rentAffordable: [true, false], homeDeclaredUnfit: [false, true] },
  'guarantee-arrears': { action: ['continue', 'new-plan', 'await-release'] },
  'guarantee-recovery': { action: ['plan', 'no-plan'] },
  'placement-inquiry': { couple: [false, true], property: [false, true], maintenanceDebtors: ['none', 'examine', 'waived'] },
  'placement-review': {},
  'placement-closure': { recovery: ['none', 'estate', 'property'] },
  'maintenance-debtors': {},
  'maintenance-debtor-assessment': { answer: ['assessed', 'not-received', 'waive'] },
  'counselling-intake': { mainConcern: ['family', 'mental-wellbeing', 'isolation', 'administration', 'housing', 'addiction', 'parenting', 'other'], guidance: ['start', 'referred', 'not-needed'] },
  'counselling-goals': { evaluationEveryMonths: [1, 2, 3, 6] },
  'counselling-appointment': { result: ['held', 'no-show', 'moved'] },
  'counselling-evaluation': { progress: ['reached', 'progress', 'none'], decision: ['continue', 'close'] },
  'counselling-closure': { reason: ['goals-reached', 'client-stopped', 'referred', 'no-contact', 'moved', 'other'] },
};
