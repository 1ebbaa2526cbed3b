import { debtReportYearOwed, debtAnnualReportDocument } from '../../../libs/notices/debt-annual-report';

describe('the debt mediation annual report (basic registration, by 31 March)', () => {
  it('gives the year, its due date, the totals and every type per team in Dutch', () => {
    const doc = debtAnnualReportDocument({
      year: 2025, date: '2026-02-10', ocmwName: 'OCMW Teststad', team: null,
      rows: [
        { team: 'noord', type: 'budget-management', typeLabel: 'Budgetbeheer', opened: 3, closed: 1, runningAtYearEnd: 7 },
        { team: 'demo', type: 'budget-guidance', typeLabel: 'Budgetbegeleiding', opened: 2, closed: 4, runningAtYearEnd: 5 },
      ],
    });
    const text = doc.paragraphs.join('\n');
    expect(doc.title).toBe('Jaarverslag en basisregistratie schuldbemiddeling 2025');
    expect(text).toContain('van 1 januari 2025 tot en met 31 december 2025, uiterlijk op 31 maart 2026.');
    expect(text).toContain('In totaal: 5 dossier(s) geopend, 5 afgesloten, 12 lopend op 31 december 2025.');
    // Teams in alphabetical order, each with its rows.
    expect(text.indexOf('Team demo:')).toBeLessThan(text.indexOf('Team noord:'));
    expect(text).toContain('- Budgetbeheer: 3 geopend, 1 afgesloten, 7 lopend op 31 december');
    expect(doc.fields).toEqual({ Jaar: '2025', Team: 'alle teams', Geopend: '5', Afgesloten: '5', 'Lopend op 31 december': '12' });
  });

  it('says so when the year had no files', () => {
    const doc = debtAnnualReportDocument({ year: 2025, date: '2026-02-10', ocmwName: 'OCMW Teststad', team: 'demo', rows: [] });
    expect(doc.paragraphs).toContain('Geen dossiers schuldbemiddeling in dit jaar.');
    expect(doc.reference).toBe('schuldbemiddeling-2025-demo');
  });
});

describe('the year whose annual report is owed (DEBT-1)', () => {
  it('is last year from 1 January to 31 March, for an OCMW recognised on or before its last day; otherwise none', () => {
    const since = '2020-06-01';
    expect(debtReportYearOwed('2027-01-01', since)).toBe(2026);
    expect(debtReportYearOwed('2027-03-31', since)).toBe(2026);
    expect(debtReportYearOwed('2027-04-01', since)).toBeNull();
    expect(debtReportYearOwed('2026-12-31', since)).toBeNull();
    expect(debtReportYearOwed('2027-02-01', '2026-12-31')).toBe(2026);
    expect(debtReportYearOwed('2027-02-01', '2027-01-01')).toBeNull(); // recognised after the year reported on
    expect(debtReportYearOwed('2027-02-01', null)).toBeNull();
  });
});
