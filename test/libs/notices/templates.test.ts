import { LEEFLOON } from '../../../libs/procedures/leefloon';
import { LOI } from '../../../libs/procedures/loi';
import { ART_57TER_REASONS, SOCIAL_AID as SOCIAL_AID_DEFINITION } from '../../../libs/procedures/social-aid';
import type { ProcedureLetters } from '../../../libs/procedures/types';
import {
  checkDecisionLetter,
  checkLetter,
  DecisionData,
  formatDateNl,
  formatEuro,
  LetterIncompleteError,
  renderLetter,
  TemplateData,
  TemplateName,
  TEMPLATES,
} from '../../../libs/notices/templates';

const base = {
  reference: 'LL-2026-000042',
  date: '2026-03-20',
  recipient: { name: 'Jan Peeters', address: ['Markt 1', '9000 Gent'] },
  ocmwName: 'OCMW Demo',
  service: 'Sociale dienst van OCMW Demo, Marktplein 1, 9000 Gent',
  socialWorker: { name: 'Sofie Claes', contact: 'sofie.claes@ocmw.example' },
  procedure: LEEFLOON.letters,
};

/** Another procedure's letters (social aid: no categories, another court rule), to show the wording is the definition's. */
const SOCIAL_AID: ProcedureLetters = {
  request: 'maatschappelijke dienstverlening',
  right: 'maatschappelijke dienstverlening',
  decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
  article: '',
  categories: false,
  categoryOf: 'het equivalent leefloon',
  legalReasons: 'OCMW-wet, art. 1 en 57.',
  decisionTerm: 'binnen de maand na de ontvangst ervan',
  forwardingBasis: { ocmw: 'art. 58 §3 OCMW-wet', applicant: 'art. 58 §3 OCMW-wet' },
  templates: ['decision-grant', 'decision-refusal'],
  appeal: {
    court: 'arbeidsrechtbank',
    ruleId: 'SA-5',
    term: 'drie maanden',
    legalBasis: 'art. 71 van de organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn',
    how: LEEFLOON.letters.appeal.how,
  },
};

const grant: DecisionData = {
  ...base,
  decisionDate: '2026-03-17',
  legalReasons: 'U voldoet aan de voorwaarden van art. 3 RMI-wet.',
  factualReasons: 'Uit het sociaal onderzoek blijkt dat u geen bestaansmiddelen hebt.',
  category: 2,
  categoryReason: 'U woont alleen.',
  amount: { monthlyCents: 131420, computation: 'Categoriebedrag € 1.314,20 min € 0,00 aan bestaansmiddelen.', frequency: 'maandelijks, rond de 1e van de maand' },
  effectiveDate: '2026-03-02',
  appeal: {
    possible: true,
    how: LEEFLOON.letters.appeal.how,
    labourCourtAddress: 'Arbeidsrechtbank Gent, Opgeëistenlaan 401 E, 9000 Gent',
    notifiedOn: '2026-03-25',
    until: '2026-06-25',
    deliveryNote: 'aangetekend verstuurd op 20 maart 2026',
    suspensive: false,
  },
};

/** A letter to a collection agency about the client's debt (the client is the debtor, the party the addressee). */
const creditor = {
  ...base,
  recipient: { name: 'Incasso Vlaanderen NV', address: ['t.a.v. dossierbeheer', 'Kaai 3', '9000 Gent'] },
  debtor: { name: 'Jan Peeters', address: ['Markt 1', '9000 Gent'] },
  fileNumber: 'INC-2026-4711',
  answerBy: '2026-04-10',
};

/** One complete example per template. */
const examples: { [T in TemplateName]: TemplateData[T] } = {
  receipt: { ...base, requestDate: '2026-03-02', decisionDueDate: '2026-04-01' },
  'hearing-right': { ...base },
  'hearing-invitation': { ...base, hearing: { place: 'Raadzaal, Marktplein 1, 9000 Gent', date: '2026-03-17', time: '19:00' } },
  'documents-request': { ...base, documents: ['loonfiches van januari en februari', 'huurcontract'], answerBy: '2026-04-03' },
  'documents-reminder': { ...base, documents: ['huurcontract'], answerBy: '2026-04-17', firstRequestDate: '2026-03-20' },
  'decision-grant': grant,
  'decision-refusal': { ...grant, category: undefined, categoryReason: undefined, amount: undefined, effectiveDate: undefined },
  'decision-revision': { ...grant, amount: { ...grant.amount!, monthlyCents: 87613 }, category: 1, categoryReason: 'U woont samen.', effectiveDate: '2026-05-01' },
  'decision-stop': { ...grant, category: undefined, categoryReason: undefined, amount: undefined, effectiveDate: '2026-06-01' },
  'decision-recovery': {
    ...grant, procedure: SOCIAL_AID_DEFINITION.letters, category: undefined, categoryReason: undefined, amount: undefined, effectiveDate: undefined,
    recovery: { amountCents: 131_420, periodFrom: '2026-01-01', periodTo: '2026-01-31', payer: 'de RVA', subrogation: true },
  },
  'forwarding-ocmw': {
    ...base,
    recipient: { name: 'OCMW Aalst', address: ['Sociale dienst', 'Gasthuisstraat 40', '9300 Aalst'] },
    applicant: { name: 'Jan Peeters', nationalNumber: '93.05.18-223.61', address: ['Kerkstraat 5', '9300 Aalst'] },
    requestDate: '2026-03-02',
    competentOcmw: { name: 'OCMW Aalst', address: ['Gasthuisstraat 40', '9300 Aalst'] },
    reasons: 'De aanvrager verblijft gewoonlijk in Aalst (art. 1 Wet 1965).',
  },
  'forwarding-applicant': {
    ...base,
    requestDate: '2026-03-02',
    forwardDate: '2026-03-05',
    competentOcmw: { name: 'OCMW Aalst', address: ['Gasthuisstraat 40', '9300 Aalst'] },
    reasons: 'U verblijft gewoonlijk in Aalst.',
  },
  'trajectory-agreement': { ...base, decisionDate: '2026-03-17', guidance: 'Budgetbeheer', management: true, durationMonths: 36 },
  'trajectory-ended': { ...base, guidance: 'Budgetbeheer', endDate: '2027-01-31', reason: 'u hebt de overeenkomst opgezegd', management: true },
  'creditor-statement-request': creditor,
  'creditor-collection-suspension': { ...creditor, trajectorySince: '2026-03-02' },
  'creditor-repayment-proposal': { ...creditor, monthlyCents: 5_000, startDate: '2026-05-01', durationMonths: 24 },
  'creditor-csr-admissibility': { ...creditor, orderDate: '2026-03-16', court: 'de arbeidsrechtbank Gent', mediator: 'Mr. An Claeys, advocaat, Kouter 1, 9000 Gent' },
  'creditor-reminder': { ...creditor, answerBy: '2026-05-01', firstLetterDate: '2026-03-20', firstLetterSubject: 'Vraag om een actueel overzicht van de schuld' },
  'csr-claim-reminder': { ...base, court: 'arbeidsrechtbank Gent, afdeling Gent', orderDate: '2026-03-02', termEnd: '2026-04-07', declareBy: '2026-04-23', fileNumber: 'FAC-2026-001' },
  'loi-closure-notice': {
    ...base, procedure: LOI.letters, reference: 'LOI-03', recipient: { name: 'Fedasil', address: ['Kartuizersstraat 19-21', '1000 Brussel'] },
    place: { code: 'LOI-03', address: 'Kerkstraat 4, 9000 Gent', unit: 'gelijkvloers', capacity: 4 }, noticeOn: '2026-03-02', closesOn: '2026-09-02',
  },
  'loi-sanction': {
    ...base, procedure: LOI.letters, kind: 'sanction', measure: 'Tijdelijke beperking of intrekking van het leefgeld', facts: 'Herhaald geweld tegen een medebewoner op 2 maart 2026.',
    decidedOn: '2026-03-10', heardOn: '2026-03-06', from: '2026-03-16', to: '2026-03-29', leefgeld: '50 % van uw leefgeld',
    appeal: { ...grant.appeal, notifiedOn: '2026-03-11', until: '2026-06-11', deliveryNote: 'ontvangen tegen ontvangstbewijs op 11 maart 2026' },
  },
  'guarantee-letter': {
    ...base, recipient: { name: 'Vastgoed Coene BV', address: ['Kouter 10', '9000 Gent'] }, decisionDate: '2026-03-17', amountCents: 195_000,
    monthlyRentCents: 65_000, leaseSignedOn: '2026-03-01', law: 'Vlaams Woninghuurdecreet van 9 november 2018', client: { name: 'Jan Peeters', address: ['Markt 1', '9000 Gent'] },
  },
  'guarantee-bank-request': {
    ...base, recipient: { name: 'Bank Gent NV', address: ['Veldstraat 1', '9000 Gent'] }, decisionDate: '2026-03-17', amountCents: 195_000,
    monthlyRentCents: 65_000, leaseSignedOn: '2026-03-01', law: 'Vlaams Woninghuurdecreet van 9 november 2018', client: { name: 'Jan Peeters', address: ['Markt 1', '9000 Gent'] },
    landlord: 'Vastgoed Coene BV',
  },
  'guarantee-repayment-plan': {
    ...base, decisionDate: '2026-03-17', amountCents: 130_000, communication: '+++126/0000/04215+++', ocmwIban: 'BE48 0011 2345 6727',
    instalments: [{ number: 1, dueDate: '2026-04-15', amountCents: 50_000 }, { number: 2, dueDate: '2026-05-15', amountCents: 50_000 }, { number: 3, dueDate: '2026-06-15', amountCents: 30_000 }],
  },
  'placement-commitment': {
    ...base, recipient: { name: 'WZC Zonnewende', address: ['Zorgstraat 2', '9000 Gent'] }, decisionDate: '2026-03-17', effectiveFrom: '2026-03-02',
    monthlyEstimateCents: 61_144, client: { name: 'Maria Claes', address: ['Zorgstraat 2', '9000 Gent'] },
  },
  'maintenance-debtor-request': {
    ...base, recipient: { name: 'Els Claes', address: ['Kerkstraat 5', '9000 Gent'] }, answerBy: '2026-04-16', client: { name: 'Maria Claes', address: ['Zorgstraat 2', '9000 Gent'] },
  },
  'maintenance-debtor-reminder': {
    ...base, recipient: { name: 'Els Claes', address: ['Kerkstraat 5', '9000 Gent'] }, answerBy: '2026-05-16', firstRequestDate: '2026-03-17',
    client: { name: 'Maria Claes', address: ['Zorgstraat 2', '9000 Gent'] },
  },
  'maintenance-debtor-decision': {
    ...base, recipient: { name: 'Els Claes', address: ['Kerkstraat 5', '9000 Gent'] }, decisionDate: '2026-04-21', monthlyCents: 12_500, firstMonth: '2026-05',
    computation: 'Netto belastbaar inkomen 2025: € 38.000,00; vrijgesteld € 28.000,00; 15 % van € 10.000,00 = € 1.500,00 per jaar, € 125,00 per maand',
    communication: '+++726/0000/01191+++', ocmwIban: 'BE48 0011 2345 6727', client: { name: 'Maria Claes', address: ['Zorgstraat 2', '9000 Gent'] },
  },
  'maintenance-contribution-reminder': {
    ...base, recipient: { name: 'Els Claes', address: ['Kerkstraat 5', '9000 Gent'] }, monthlyCents: 12_500, behindCents: 25_000, payBy: '2026-07-20',
    communication: '+++726/0000/01191+++', ocmwIban: 'BE48 0011 2345 6727', client: { name: 'Maria Claes', address: ['Zorgstraat 2', '9000 Gent'] },
  },
  'guarantee-instalment-reminder': {
    ...base, instalment: { number: 2, dueDate: '2026-05-15', amountCents: 50_000 }, behindCents: 50_000, payBy: '2026-06-01',
    communication: '+++126/0000/04215+++', ocmwIban: 'BE48 0011 2345 6727',
  },
};

const text = (t: TemplateName) => {
  const doc = renderLetter(t, examples[t] as never);
  return [doc.title, ...doc.paragraphs, ...Object.entries(doc.fields).map(([k, v]) => `${k}: ${v}`)].join('\n');
};

describe('letter templates', () => {
  it('formats Dutch dates and euro amounts', () => {
    expect(formatDateNl('2026-03-02')).toBe('2 maart 2026');
    expect(formatEuro(131420)).toBe('€ 1.314,20');
    expect(formatEuro(5)).toBe('€ 0,05');
    expect(formatEuro(123456789)).toBe('€ 1.234.567,89');
  });

  // The LOI-7 notice is the OCMW's own letter to Fedasil, about a place, not a dossier (its own test below).
  it.each(TEMPLATES.filter((t) => t !== 'loi-closure-notice'))('renders %s as a structured Dutch letter with the dossier reference', (template) => {
    const doc = renderLetter(template, examples[template] as never);
    expect(doc.title).toMatch(/\S/);
    expect(doc.date).toBe('2026-03-20');
    expect(doc.reference).toBe('LL-2026-000042');
    expect(doc.recipient.split('\n')[0]).toBe(examples[template].recipient.name);
    expect(doc.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(doc.fields.Dossiernummer).toBe('LL-2026-000042');
    expect(text(template)).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it('huurwaarborg: the guarantee letter to the landlord names the tenant, the lease, the cap and the release by agreement or judgment (domain §6)', () => {
    const t = text('guarantee-letter');
    expect(t).toContain('van uw huurder Jan Peeters (Markt 1, 9000 Gent) te stellen voor de huurovereenkomst van 1 maart 2026');
    expect(t).toContain('tot een bedrag van € 1.950,00 (Vlaams Woninghuurdecreet van 9 november 2018)');
    expect(t).toContain('schriftelijk akkoord van de huurder en de verhuurder');
    expect(t).toContain('rechterlijke beslissing');
    expect(text('guarantee-bank-request')).toContain('ten gunste van de verhuurder Vastgoed Coene BV');
    expect(checkLetter('guarantee-bank-request', { ...examples['guarantee-bank-request'], landlord: undefined }).map((m) => m.element)).toEqual(['landlord']);
  });

  it('verblijfskosten: the commitment to the care home names the resident, the day it starts, the estimate and one invoice a month (domain §11)', () => {
    const t = text('placement-commitment');
    expect(t).toContain('tussen te komen in de verblijfskosten van uw bewoner Maria Claes, vanaf 2 maart 2026');
    expect(t).toContain('ongeveer € 611,44 per maand');
    expect(t).toContain('Het OCMW betaalt één factuur per maand');
    expect(checkLetter('placement-commitment', { ...examples['placement-commitment'], monthlyEstimateCents: 0, client: { name: '', address: [] } }).map((m) => m.element)).toEqual(['placement-estimate', 'resident']);
  });

  it('onderhoudsplichtigen: the request names the resident and the term, the reminder the first request; the decision the amount, month, account and communication (art. 98 §2)', () => {
    const request = text('maintenance-debtor-request');
    expect(request).toContain('in de verblijfskosten van Maria Claes in een woonzorgcentrum');
    expect(request).toContain('uiterlijk op 16 april 2026 een kopie te bezorgen van uw laatste aanslagbiljet');
    expect(request).toContain('artikel 98 §2 van de OCMW-wet');
    expect(text('maintenance-debtor-reminder')).toContain('Op 17 maart 2026 schreven wij u al over het volgende');
    expect(checkLetter('maintenance-debtor-reminder', { ...examples['maintenance-debtor-reminder'], firstRequestDate: undefined as never }).map((m) => m.element)).toEqual(['first-request']);
    const decision = text('maintenance-debtor-decision');
    expect(decision).toContain('Uw bijdrage bedraagt € 125,00 per maand, vanaf mei 2026.');
    expect(decision).toContain('met de gestructureerde mededeling +++726/0000/01191+++');
    // No contribution: no account, no communication needed — and none printed.
    const none = renderLetter('maintenance-debtor-decision', { ...examples['maintenance-debtor-decision'], monthlyCents: 0, computation: 'Het comité ziet af van een bijdrage', communication: undefined, firstMonth: undefined }).paragraphs.join(' ');
    expect(none).toContain('U hoeft geen bijdrage te betalen. Het comité ziet af van een bijdrage.');
    expect(none).not.toContain('mededeling');
    expect(checkLetter('maintenance-debtor-decision', { ...examples['maintenance-debtor-decision'], communication: undefined, firstMonth: '2026-13' }).map((m) => m.element)).toEqual(['first-month', 'communication']);
    expect(text('maintenance-contribution-reminder')).toContain('Wij hebben tot vandaag € 250,00 minder ontvangen dan verschuldigd');
  });

  it('huurwaarborg: the repayment plan lists every instalment, the account and the structured communication; the instalments add up', () => {
    const t = text('guarantee-repayment-plan');
    expect(t).toContain('Nog terug te betalen: € 1.300,00, in 3 maandelijkse afbetalingen: 15 april 2026: € 500,00; 15 mei 2026: € 500,00; 15 juni 2026: € 300,00.');
    expect(t).toContain('op rekening BE48 0011 2345 6727 van OCMW Demo, met de gestructureerde mededeling +++126/0000/04215+++');
    const short = { ...examples['guarantee-repayment-plan'], amountCents: 130_001 };
    expect(checkLetter('guarantee-repayment-plan', short).map((m) => m.element)).toEqual(['instalments']);
    // A called guarantee letter: the plan repays what the OCMW paid the landlord, not a deposit.
    const called = renderLetter('guarantee-repayment-plan', { ...examples['guarantee-repayment-plan'], paidToLandlordOn: '2026-09-30' }).paragraphs.join(' ');
    expect(called).toContain('Bij het einde van de huur kreeg uw verhuurder op 30 september 2026 een bedrag uit die waarborg');
    expect(called).not.toContain('geblokkeerde');
    const reminder = text('guarantee-instalment-reminder');
    expect(reminder).toContain('was op 15 mei 2026 afbetaling 2 van € 500,00 verschuldigd');
    expect(reminder).toContain('Betaal dat bedrag uiterlijk op 1 juni 2026');
  });

  it('ontvangstbewijs: decision period, reference, handling service, right to be heard, duty to report new facts (LL-1)', () => {
    const t = text('receipt');
    expect(t).toContain('2 maart 2026');
    expect(t).toContain('uiterlijk op 1 april 2026');
    expect(t).toContain('LL-2026-000042');
    expect(t).toContain('Sociale dienst van OCMW Demo, Marktplein 1, 9000 Gent');
    expect(t).toMatch(/recht om gehoord te worden/i);
    expect(t).toMatch(/elk nieuw feit melden/);
  });

  it('hearing: the right in writing, and the invitation with place, date and time (art. 20 RMI-wet)', () => {
    expect(text('hearing-right')).toMatch(/schriftelijk aan/);
    expect(text('hearing-right')).toMatch(/bijstaan of vertegenwoordigen/);
    const t = text('hearing-invitation');
    expect(t).toContain('dinsdag 17 maart 2026 om 19:00 uur');
    expect(t).toContain('Raadzaal, Marktplein 1, 9000 Gent');
    expect(t).toContain('art. 20 RMI-wet');
  });

  it('documents: the list and the date; the reminder refers to the first request and warns about refusal', () => {
    expect(text('documents-request')).toContain('- loonfiches van januari en februari\n- huurcontract');
    expect(text('documents-request')).toContain('uiterlijk op 3 april 2026');
    const reminder = text('documents-reminder');
    expect(reminder).toContain('Herinnering');
    expect(reminder).toContain('Op 20 maart 2026 vroegen wij u');
    expect(reminder).toMatch(/weigering van uw aanvraag/);
  });

  it('decision letters carry every §0.2 element', () => {
    const t = text('decision-grant');
    for (const part of [
      'toekenning', '17 maart 2026', 'categorie 2: alleenstaande', 'U woont alleen.', '€ 1.314,20 per maand', 'maandelijks',
      'Categoriebedrag', 'Juridische gronden: U voldoet', 'Feitelijke gronden: Uit het sociaal onderzoek',
      'beroep instellen bij de arbeidsrechtbank: Arbeidsrechtbank Gent, Opgeëistenlaan 401 E, 9000 Gent',
      'binnen drie maanden na de kennisgeving', 'ter kennis gebracht op 25 maart 2026', 'uiterlijk op 25 juni 2026',
      'verzoekschrift', 'Het beroep schorst de beslissing niet', 'LL-2026-000042', 'Sofie Claes (sofie.claes@ocmw.example)',
      'Sociale dienst van OCMW Demo',
    ]) expect(t).toContain(part);
    expect(text('decision-refusal')).toContain('te weigeren');
    expect(text('decision-refusal')).not.toContain('per maand');
    expect(text('decision-revision')).toContain('te herzien vanaf 1 mei 2026');
    expect(text('decision-revision')).toContain('€ 876,13 per maand');
    expect(text('decision-stop')).toContain('stop te zetten vanaf 1 juni 2026');
  });

  it('forwarding: the competent OCMW gets the reasons; the applicant is told where the request went and why', () => {
    const t = text('forwarding-ocmw');
    expect(t).toContain('Redenen: De aanvrager verblijft gewoonlijk in Aalst');
    expect(t).toContain('vijf kalenderdagen');
    expect(t).toContain('93.05.18-223.61');
    const a = text('forwarding-applicant');
    expect(a).toContain('OCMW Aalst, Gasthuisstraat 40, 9300 Aalst');
    expect(a).toContain('op 5 maart 2026 doorgestuurd');
    expect(a).toContain('Redenen: U verblijft gewoonlijk in Aalst.');
  });

  it('debt mediation: the agreement states the mandate, the duration and that the client may end it at any time; the end letter its date and reason', () => {
    const t = text('trajectory-agreement');
    expect(t).toContain('budgetbeheerrekening');
    expect(t).toContain('36 maanden vanaf de ondertekening');
    expect(t).toContain('op elk moment schriftelijk opzeggen');
    expect(t).toContain('17 maart 2026');
    const e = text('trajectory-ended');
    expect(e).toContain('eindigt op 31 januari 2027: u hebt de overeenkomst opgezegd');
    expect(checkLetter('trajectory-agreement', { ...examples['trajectory-agreement'], durationMonths: 0 }).map((m) => m.element)).toEqual(['duration']);
    expect(text('csr-claim-reminder')).toContain('nog aangeven tot en met 23 april 2026');
    expect(checkLetter('csr-claim-reminder', { ...examples['csr-claim-reminder'], court: ' ' }).map((m) => m.element)).toEqual(['court']);
    expect(checkLetter('trajectory-ended', { ...examples['trajectory-ended'], reason: ' ' }).map((m) => m.element)).toEqual(['end-reason']);
  });

  it('LOI-7: the notice to Fedasil names the place and its beds, the six months from the notice and the last day', () => {
    const t = text('loi-closure-notice');
    expect(t).toContain('zegt OCMW Demo 4 opvangplaatsen van zijn lokaal opvanginitiatief op: de wooneenheid LOI-03, Kerkstraat 4, 9000 Gent, gelijkvloers');
    expect(t).toContain('De opzegging gaat in op 2 maart 2026; de plaatsen blijven beschikbaar tot en met 2 september 2026');
    expect(renderLetter('loi-closure-notice', examples['loi-closure-notice']).recipient).toBe('Fedasil\nKartuizersstraat 19-21\n1000 Brussel');
    expect(checkLetter('loi-closure-notice', { ...examples['loi-closure-notice'], closesOn: '2026-03-01' }).map((m) => m.element)).toEqual(['closing-date']);
    const doc = renderLetter('loi-closure-notice', examples['loi-closure-notice']);
    expect(doc.fields.Dossiernummer).toBeUndefined();
    expect(doc.reference).toBe('LOI-03');
    expect(text('loi-closure-notice')).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it('LOI: a sanction states the facts, the hearing before it (art. 46 Opvangwet), its period, the leefgeld withheld and the appeal; an order measure needs no hearing', () => {
    const t = text('loi-sanction');
    expect(t).toContain('Beslissing: sanctie in de opvang');
    expect(t).toContain('van 16 maart 2026 tot en met 29 maart 2026: Tijdelijke beperking of intrekking van het leefgeld');
    expect(t).toContain('Feitelijke gronden: Herhaald geweld');
    expect(t).toContain('U werd vooraf gehoord op 6 maart 2026 (art. 46 Opvangwet)');
    expect(t).toContain('houdt het OCMW 50 % van uw leefgeld in');
    expect(t).toContain('uiterlijk op 11 juni 2026 bij de arbeidsrechtbank');
    expect(t).toContain('medische begeleiding blijft altijd behouden');
    const sanction = examples['loi-sanction'];
    expect(checkLetter('loi-sanction', { ...sanction, heardOn: undefined }).map((m) => m.element)).toEqual(['heard-on']);
    expect(checkLetter('loi-sanction', { ...sanction, facts: ' ', to: undefined }).map((m) => m.element)).toEqual(['factual-reasons', 'period']);
    expect(checkLetter('loi-sanction', { ...sanction, appeal: { ...sanction.appeal, until: undefined as never } }).map((m) => m.element)).toEqual(['appeal-term']);
    const order = { ...sanction, kind: 'order-measure' as const, heardOn: undefined, leefgeld: undefined, from: undefined, to: undefined, measure: 'Tijdelijk geen toegang tot de gemeenschappelijke keuken' };
    expect(checkLetter('loi-sanction', order)).toEqual([]);
    const o = renderLetter('loi-sanction', order);
    expect(o.title).toBe('Beslissing: ordemaatregel in de opvang');
    expect(o.paragraphs.join('\n')).toContain('art. 44 van de Opvangwet');
    expect(o.paragraphs.join('\n')).not.toContain('gehoord op');
  });

  it('accepts a complete decision letter of every kind', () => {
    expect(checkDecisionLetter({ ...examples['decision-grant'], decision: 'grant' })).toEqual([]);
    expect(checkDecisionLetter({ ...examples['decision-refusal'], decision: 'refusal' })).toEqual([]);
    expect(checkDecisionLetter({ ...examples['decision-revision'], decision: 'revision' })).toEqual([]);
    expect(checkDecisionLetter({ ...examples['decision-stop'], decision: 'stop' })).toEqual([]);
  });

  // Each §0.2 element taken away from a complete grant letter: the letter is refused, naming exactly that element.
  const missing: [string, (d: DecisionData) => DecisionData][] = [
    ['legal-reasons', (d) => ({ ...d, legalReasons: '' })],
    ['factual-reasons', (d) => ({ ...d, factualReasons: '  ' })],
    ['decision-date', (d) => ({ ...d, decisionDate: undefined as never })],
    ['amount', (d) => ({ ...d, amount: { ...d.amount!, monthlyCents: 0 } })],
    ['amount-computation', (d) => ({ ...d, amount: { ...d.amount!, computation: '' } })],
    ['payment-frequency', (d) => ({ ...d, amount: { ...d.amount!, frequency: '' } })],
    ['category', (d) => ({ ...d, category: undefined })],
    ['category-reason', (d) => ({ ...d, categoryReason: undefined })],
    ['appeal-possible', (d) => ({ ...d, appeal: { ...d.appeal, possible: false } })],
    ['appeal-how', (d) => ({ ...d, appeal: { ...d.appeal, how: '' } })],
    ['labour-court-address', (d) => ({ ...d, appeal: { ...d.appeal, labourCourtAddress: '' } })],
    ['appeal-term', (d) => ({ ...d, appeal: { ...d.appeal, until: undefined as never } })],
    ['appeal-term', (d) => ({ ...d, appeal: { ...d.appeal, notifiedOn: undefined as never } })],
    ['appeal-not-suspensive', (d) => ({ ...d, appeal: { ...d.appeal, suspensive: true } })],
    ['file-reference', (d) => ({ ...d, reference: '' })],
    ['service', (d) => ({ ...d, service: '' })],
    ['social-worker', (d) => ({ ...d, socialWorker: { name: '', contact: 'x@ocmw.example' } })],
    ['social-worker-contact', (d) => ({ ...d, socialWorker: { name: 'Sofie Claes', contact: '' } })],
  ];
  it.each(missing)('refuses a decision letter without %s, naming it', (element, mutate) => {
    const data = mutate(grant);
    expect(checkDecisionLetter({ ...data, decision: 'grant' }).map((m) => m.element)).toEqual([element]);
    let error: unknown;
    try {
      renderLetter('decision-grant', data);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LetterIncompleteError);
    expect((error as LetterIncompleteError).missing.map((m) => m.element)).toEqual([element]);
    expect((error as Error).message).toContain(`[${element}]`);
    expect((error as Error).message).toMatch(/refused/);
  });

  it('lists every missing element at once, and asks the amount only of grants and revisions', () => {
    const bare = { decision: 'refusal' as const, reference: 'LL-2026-000042', procedure: LEEFLOON.letters };
    expect(checkDecisionLetter(bare).map((m) => m.element)).toEqual([
      'legal-reasons', 'factual-reasons', 'decision-date', 'appeal-possible', 'appeal-how', 'labour-court-address', 'appeal-term',
      'appeal-not-suspensive', 'service', 'recipient', 'social-worker', 'social-worker-contact',
    ]);
    expect(checkDecisionLetter({ ...bare, decision: 'grant' }).map((m) => m.element)).toEqual(
      expect.arrayContaining(['amount', 'amount-computation', 'payment-frequency', 'category', 'category-reason']),
    );
    // Social aid has no leefloon categories; a stop needs the date it takes effect.
    expect(checkDecisionLetter({ ...grant, procedure: SOCIAL_AID, category: undefined, categoryReason: undefined, decision: 'grant' })).toEqual([]);
    expect(checkDecisionLetter({ ...examples['decision-stop'], effectiveDate: undefined, decision: 'stop' }).map((m) => m.element)).toEqual(['effective-date']);
  });

  it('cites the appeal rule and the wording of the procedure definition, never a default procedure', () => {
    // The leefloon's rule: labour court, three months, art. 47 RMI-wet.
    expect(text('decision-grant')).toContain('(art. 47 van de wet van 26 mei 2002 betreffende het recht op maatschappelijke integratie)');
    const social = renderLetter('decision-refusal', { ...examples['decision-refusal'], procedure: SOCIAL_AID });
    const all = social.paragraphs.join('\n');
    expect(social.title).toBe('Beslissing over uw aanvraag maatschappelijke dienstverlening: weigering');
    expect(all).toContain('(art. 71 van de organieke wet van 8 juli 1976');
    expect(all).not.toContain('art. 47');
    // Whatever the definition says is what the letter says: court, term and basis.
    const other = { ...SOCIAL_AID, appeal: { ...SOCIAL_AID.appeal, court: 'vrederechter', term: 'één maand', legalBasis: 'art. 99 van een andere wet' } };
    const cited = renderLetter('decision-refusal', { ...examples['decision-refusal'], procedure: other });
    expect(cited.paragraphs.join('\n')).toContain('beroep instellen bij de vrederechter: Arbeidsrechtbank Gent');
    expect(cited.paragraphs.join('\n')).toContain('binnen één maand na de kennisgeving van deze beslissing (art. 99 van een andere wet)');
    expect(cited.fields.Vrederechter).toBe('Arbeidsrechtbank Gent, Opgeëistenlaan 401 E, 9000 Gent');
    // Without its procedure a letter is refused, not written for the leefloon.
    const { procedure: _none, ...withoutProcedure } = examples['decision-refusal'];
    expect(checkDecisionLetter({ ...withoutProcedure, decision: 'refusal' }).map((m) => m.element)).toEqual(['procedure']);
    expect(() => renderLetter('receipt', { ...examples.receipt, procedure: undefined as never })).toThrow(/\[procedure\]/);
  });

  it('creditor letters: to the party, naming the debtor, the file number and the answer date; each asks what it must', () => {
    const statement = text('creditor-statement-request');
    expect(renderLetter('creditor-statement-request', examples['creditor-statement-request']).recipient).toBe('Incasso Vlaanderen NV\nt.a.v. dossierbeheer\nKaai 3\n9000 Gent');
    expect(statement).toContain('begeleidt Jan Peeters, Markt 1, 9000 Gent');
    expect(statement).toContain('uw dossier INC-2026-4711');
    expect(statement).toMatch(/de hoofdsom, de intresten .* de kosten/);
    expect(statement).toContain('Antwoord verwacht uiterlijk: 10 april 2026');
    expect(text('creditor-collection-suspension')).toContain('protocol van 7 maart 2024');
    const proposal = text('creditor-repayment-proposal');
    expect(proposal).toContain('€ 50,00 per maand, vanaf 1 mei 2026, gedurende 24 maanden (samen € 1.200,00)');
    const csr = text('creditor-csr-admissibility');
    expect(csr).toContain('bij beschikking van 16 maart 2026 toelaatbaar heeft verklaard tot de collectieve schuldenregeling');
    expect(csr).toContain('art. 1675/7 Ger.W.');
    expect(csr).toMatch(/geen intresten meer .* tenuitvoerlegging geschorst/);
    const reminder = renderLetter('creditor-reminder', examples['creditor-reminder']);
    expect(reminder.title).toBe('Herinnering: Vraag om een actueel overzicht van de schuld');
    expect(text('creditor-reminder')).toContain('Op 20 maart 2026 schreven wij u');
    expect(text('creditor-reminder')).toContain('uiterlijk op 1 mei 2026');
    const { monthlyCents: _m, debtor: _d, ...incomplete } = examples['creditor-repayment-proposal'];
    expect(checkLetter('creditor-repayment-proposal', incomplete).map((m) => m.element)).toEqual(['repayment-amount', 'debtor']);
    expect(checkLetter('creditor-reminder', { ...examples['creditor-reminder'], firstLetterSubject: '', answerBy: undefined as never }).map((m) => m.element)).toEqual(['first-letter', 'answer-due']);
  });

  it('refuses the other letters without their mandatory elements', () => {
    expect(checkLetter('receipt', { ...examples.receipt, decisionDueDate: undefined as never }).map((m) => m.element)).toEqual(['decision-due-date']);
    expect(checkLetter('hearing-invitation', { ...examples['hearing-invitation'], hearing: { place: '', date: '2026-03-17', time: '7 uur' } }).map((m) => m.element))
      .toEqual(['hearing-place', 'hearing-time']);
    expect(checkLetter('documents-request', { ...examples['documents-request'], documents: [] }).map((m) => m.element)).toEqual(['documents']);
    expect(checkLetter('documents-reminder', { ...examples['documents-reminder'], firstRequestDate: undefined as never }).map((m) => m.element)).toEqual(['first-request-date']);
    // Without reasons a forwarding is void (primabook, Bijzondere bepalingen).
    expect(() => renderLetter('forwarding-ocmw', { ...examples['forwarding-ocmw'], reasons: '' })).toThrow(/incompetence-reasons/);
    expect(checkLetter('forwarding-applicant', { ...examples['forwarding-applicant'], forwardDate: '2026-02-30' }).map((m) => m.element)).toEqual(['forward-date']);
  });

  describe('social aid (its definition: libs/procedures/social-aid.ts)', () => {
    const letters = SOCIAL_AID_DEFINITION.letters;
    const join = (d: { paragraphs: string[] }) => d.paragraphs.join('\n');

    it('grants a one-off amount as a form of aid, citing the OCMW-wet and art. 62bis, without a monthly amount', () => {
      const oneOff: DecisionData = {
        ...grant, procedure: letters, category: undefined, categoryReason: undefined, amount: undefined, legalReasons: letters.legalReasons,
        aid: { kind: 'one-off', label: 'Eenmalige financiële steun', description: 'Betaling van de achterstallige energiefactuur.', amountCents: 45_000 },
      };
      expect(checkDecisionLetter({ ...oneOff, decision: 'grant' })).toEqual([]);
      const doc = renderLetter('decision-grant', oneOff);
      expect(doc.title).toBe('Beslissing over uw aanvraag maatschappelijke dienstverlening: toekenning');
      expect(join(doc)).toContain('beslist u maatschappelijke dienstverlening toe te kennen');
      expect(join(doc)).toContain('Vorm van de hulp: Eenmalige financiële steun. Betaling van de achterstallige energiefactuur.');
      expect(join(doc)).toContain(`Bedrag: ${formatEuro(45_000)}, eenmalig.`);
      expect(join(doc)).toContain('OCMW-wet), art. 1');
      expect(join(doc)).toContain('(art. 62bis OCMW-wet)');
      expect(join(doc)).toContain('(art. 71 van de organieke wet van 8 juli 1976');
      expect(join(doc)).not.toMatch(/RMI-wet|per maand/);
      expect(doc.fields['Eenmalig bedrag']).toBe(formatEuro(45_000));
      // A one-off amount states its amount and what it is for; aid in kind what it is.
      expect(checkDecisionLetter({ ...oneOff, aid: { ...oneOff.aid!, amountCents: undefined }, decision: 'grant' }).map((m) => m.element)).toEqual(['aid-amount']);
      expect(checkDecisionLetter({ ...oneOff, aid: { kind: 'in-kind', label: 'Hulp in natura', description: '' }, decision: 'grant' }).map((m) => m.element)).toEqual(['aid-description']);
      expect(checkDecisionLetter({ ...oneOff, aid: { kind: 'in-kind', label: 'Hulp in natura', description: 'Voedselpakketten' }, decision: 'grant' })).toEqual([]);
    });

    it('grants an equivalent leefloon with its category, and refuses for code 207 citing art. 57ter', () => {
      const equivalent = renderLetter('decision-grant', { ...grant, procedure: letters, legalReasons: letters.legalReasons });
      expect(join(equivalent)).toContain('Categorie: u ontvangt het equivalent leefloon in categorie 2');
      const refusal = renderLetter('decision-refusal', { ...examples['decision-refusal'], procedure: letters, legalReasons: `${letters.legalReasons} ${ART_57TER_REASONS}` });
      expect(join(refusal)).toContain('beslist uw aanvraag voor maatschappelijke dienstverlening te weigeren');
      expect(join(refusal)).toContain('Art. 57ter OCMW-wet');
      expect(join(refusal)).toContain('(code 207)');
    });

    it('recovers what was paid for a period with back-paid benefits (art. 99 §1), with subrogation (art. 99 §2)', () => {
      const doc = renderLetter('decision-recovery', examples['decision-recovery']);
      expect(doc.title).toBe('Beslissing: terugvordering van maatschappelijke dienstverlening');
      expect(join(doc)).toContain(`${formatEuro(131_420)} terug te vorderen van de maatschappelijke dienstverlening die u ontving voor de periode van 1 januari 2026 tot en met 31 januari 2026`);
      expect(join(doc)).toContain('treedt voor dit bedrag in uw rechten tegenover de RVA (subrogatie)');
      expect(checkDecisionLetter({ ...examples['decision-recovery'], recovery: undefined, decision: 'recovery' }).map((m) => m.element)).toEqual(['recovery']);
    });

    it('words the receipt and the forwarding by the OCMW-wet: one month, art. 58 §3, no RMI-wet', () => {
      const receipt = join(renderLetter('receipt', { ...examples.receipt, procedure: letters }));
      expect(receipt).toContain('binnen de maand na de ontvangst ervan');
      const forwarding = join(renderLetter('forwarding-ocmw', { ...examples['forwarding-ocmw'], procedure: letters })) +
        join(renderLetter('forwarding-applicant', { ...examples['forwarding-applicant'], procedure: letters }));
      expect(forwarding).toContain('(art. 58 §3 OCMW-wet)');
      expect(`${receipt}\n${forwarding}`).not.toContain('RMI-wet');
      // The leefloon keeps its own wording.
      expect(join(renderLetter('receipt', examples.receipt))).toContain('binnen 30 dagen na de ontvangst ervan');
      expect(join(renderLetter('receipt', examples.receipt))).toContain('(art. 20 RMI-wet)');
    });
  });
});
