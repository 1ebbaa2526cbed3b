import { heatingAttestationDocument, HeatingAttestationData } from '../../../libs/notices/heating-attestation';

const data: HeatingAttestationData = {
  reference: 'SB-2026-000012', date: '2026-12-03', ocmwName: 'OCMW Teststad',
  client: { name: 'Ruben De Smet', birthDate: '1985-07-30', address: 'Kouter 7, 9000 Gent' },
  guidanceLabel: 'budgetbeheer', since: '2026-03-02', csrOrder: null, invoiceUnpaid: true,
};

describe('the heating allowance attestation (category 3)', () => {
  it('attests the trajectory since its signature, category 3, and that an unpaid invoice is paid to the supplier', () => {
    const doc = heatingAttestationDocument(data);
    const text = doc.paragraphs.join('\n');
    expect(doc.title).toBe('Attest schuldbemiddeling voor de verwarmingstoelage (categorie 3)');
    expect(text).toContain('Het OCMW Teststad verklaart dat Ruben De Smet, geboren op 30 juli 1985, sinds 2 maart 2026 een traject van budgetbeheer volgt');
    expect(text).toContain('categorie 3 van de verwarmingstoelage');
    expect(text).toContain('de toelage wordt aan de leverancier betaald');
    expect(text).not.toContain('collectieve schuldenregeling toelaatbaar');
    expect(doc.fields).toMatchObject({ Begeleiding: 'budgetbeheer', Sinds: '2 maart 2026', 'Collectieve schuldenregeling': 'nee', 'Toelage betaald aan': 'de leverancier' });
  });

  it('names the admissibility order of a collective debt settlement, and a paid invoice paid to the client', () => {
    const doc = heatingAttestationDocument({ ...data, csrOrder: { court: 'arbeidsrechtbank Gent, afdeling Gent', orderDate: '2026-06-15' }, invoiceUnpaid: false });
    const text = doc.paragraphs.join('\n');
    expect(text).toContain('De arbeidsrechtbank Gent, afdeling Gent heeft het verzoek tot collectieve schuldenregeling toelaatbaar verklaard op 15 juni 2026.');
    expect(text).toContain('de toelage wordt aan de cliënt betaald');
    expect(doc.fields).toMatchObject({ 'Collectieve schuldenregeling': 'toelaatbaar sinds 15 juni 2026', 'Toelage betaald aan': 'de cliënt' });
  });
});
