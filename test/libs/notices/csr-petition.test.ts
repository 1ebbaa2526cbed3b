import { csrPetitionDocument, CsrPetitionData } from '../../../libs/notices/csr-petition';

const data: CsrPetitionData = {
  reference: 'SB-2026-000012', date: '2026-12-03', court: 'arbeidsrechtbank Gent, afdeling Gent', ocmwName: 'OCMW Teststad',
  applicant: { name: 'Ruben De Smet', birthDate: '1985-07-30', nationalNumber: '85073003328', address: 'Kouter 7, 9000 Gent' },
  debts: [
    { creditor: 'Bank Kredietnet', reference: 'KR-991', outstandingCents: 812_345, collector: 'Gerechtsdeurwaarder Janssens', disputed: false, priority: null },
    { creditor: 'Energieleverancier NV', reference: null, outstandingCents: 45_000, collector: null, disputed: true, priority: 'energie' },
  ],
  incomes: [{ label: 'uitkering', amountCents: 140_000 }],
  expenses: [{ label: 'huur', amountCents: 65_000 }],
  reasons: 'Werkloos geworden na een faillissement.',
  ocmwMediatorSince: '2020-01-01',
};

describe('the CSR petition (art. 1675/4 Ger.W.)', () => {
  it('names the applicant, the reasons, every creditor with its amount in Dutch, the income and expenses, and the court', () => {
    const doc = csrPetitionDocument(data);
    const text = doc.paragraphs.join('\n');
    expect(doc.recipient).toBe('Aan de voorzitter van de arbeidsrechtbank Gent, afdeling Gent');
    expect(text).toContain('Verzoeker: Ruben De Smet, geboren op 30 juli 1985, rijksregisternummer 85073003328, wonende Kouter 7, 9000 Gent.');
    expect(text).toContain('Redenen van de onmogelijkheid om de schulden te betalen: Werkloos geworden na een faillissement.');
    expect(text).toContain('Schuldeisers en bedragen (2, samen € 8.573,45):');
    expect(text).toContain('1. Bank Kredietnet (dossier KR-991): € 8.123,45, ingevorderd door Gerechtsdeurwaarder Janssens');
    expect(text).toContain('2. Energieleverancier NV: € 450,00, prioritaire schuld (energie), betwist');
    expect(text).toContain('- uitkering: € 1.400,00');
    expect(text).toContain('- huur: € 650,00');
    expect(text).toContain('erkend als instelling voor schuldbemiddeling sinds 1 januari 2020');
    expect(doc.fields).toMatchObject({ 'Aantal schuldeisers': '2', 'Totaal van de schulden': '€ 8.573,45', 'Inkomsten per maand': '€ 1.400,00' });
  });

  it('leaves the mediator to the court when the OCMW is not recognised', () => {
    expect(csrPetitionDocument({ ...data, ocmwMediatorSince: null }).paragraphs.join('\n')).toContain('laat de aanstelling van de schuldbemiddelaar aan de rechter over');
  });
});
