import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { FIGURES_PERIOD, seedFigures } from '../support/figures-seed';
import { startTestSystem, TestSystem } from '../support/system';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { debtReportWorkflowId } from '../../libs/notices/debt-annual-report';
import { eventually } from '../support/temporal';

/**
 * The team lead reads the figures (issue 11) over seeded months of 2025 and exports them, and acknowledges a breach
 * on the Team screen with its cause, which the figures then count.
 */
describe('the Cijfers screen and the breach cause (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let openBreachId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'admin']);
    const users: Record<string, string> = {};
    for (const u of (await sys.http.get('/users').set(sys.as('admin'))).body.items) users[u.username] = u.id;
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Mia', lastName: 'Cijfers', address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' },
    });
    ({ openBreachId } = await seedFigures(sys.db, { personId: person.body.id, worker: users['social-worker'], worker2: users['social-worker-2'] }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  const rowsOf = async (page: Page, table: string) => {
    const rows = page.getByRole('table', { name: table }).getByRole('row');
    await rows.first().waitFor();
    return (await rows.allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
  };

  it('shows the team lead the four figures of a chosen period, with tables and CSV/XLSX downloads', async () => {
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.getByRole('link', { name: 'Cijfers' }).click();
    await lead.getByRole('heading', { name: 'Cijfers', level: 1 }).waitFor();
    const from = lead.getByRole('group', { name: 'Van' });
    const to = lead.getByRole('group', { name: 'Tot en met' });
    await from.getByLabel('Maand').selectOption({ label: 'mei' });
    await from.getByLabel('Jaar').fill('2025');
    await to.getByLabel('Maand').selectOption({ label: 'april' });
    await to.getByLabel('Jaar').fill('2025');
    await lead.getByRole('button', { name: 'Tonen' }).click();
    await lead.getByRole('alert').getByText('De beginmaand ligt na de eindmaand.').waitFor();
    await from.getByLabel('Maand').selectOption({ label: 'maart' });
    await lead.getByRole('button', { name: 'Tonen' }).click();
    await lead.waitForURL(`**/app/cijfers?van=${FIGURES_PERIOD.from}&tot=${FIGURES_PERIOD.to}`);

    expect(await rowsOf(lead, 'Termijnen tijdig gehaald')).toEqual([
      ['Maand', 'Regel', 'Termijn', 'Vervallen', 'Tijdig', 'Te laat', 'Nog lopend', 'Tijdig (%)'],
      ['maart 2025', 'LL-4', 'Kennisgeving van de beslissing', '1', '1', '0', '0', '100,0'],
      ['april 2025', 'LL-3', 'Beslissing over de aanvraag', '3', '1', '1', '1', '50,0'],
    ]);
    expect(await rowsOf(lead, 'Overschrijdingen per oorzaak')).toEqual([
      ['Maand', 'Oorzaak', 'Overschrijdingen'],
      ['maart 2025', 'Onbekend', '1'],
      ['april 2025', 'Onbekend', '1'],
      ['april 2025', 'Personeelstekort', '2'],
    ]);
    expect(await rowsOf(lead, 'Werklast per medewerker')).toEqual([
      ['Dag', 'Medewerker', 'Open taken', 'Te late taken'],
      ['1 april 2025', 'An Maatschappelijk Assistent', '12', '2'],
      ['1 april 2025', 'Bart Maatschappelijk Assistent', '7', '0'],
      ['2 april 2025', 'An Maatschappelijk Assistent', '1.234', '3'],
      ['2 april 2025', 'Bart Maatschappelijk Assistent', '8', '1'],
    ]);
    expect(await rowsOf(lead, 'Dossiers geopend en afgesloten')).toEqual([
      ['Maand', 'Procedure', 'Geopend', 'Afgesloten'],
      ['maart 2025', 'Leefloon (RMI-wet)', '2', '0'],
      ['april 2025', 'Leefloon (RMI-wet)', '0', '1'],
      ['april 2025', 'Maatschappelijke dienstverlening (OCMW-wet)', '1', '1'],
    ]);
    expect(await lead.getByRole('img', { name: /^Grafiek: / }).count()).toBe(4);
    expect(await lead.locator('canvas').count()).toBe(4);

    const [download] = await Promise.all([lead.waitForEvent('download'), lead.getByRole('link', { name: 'Werklast per medewerker als CSV downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe('werklast-2025-03-2025-04-demo.csv');
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8').split('\r\n').slice(0, 4)).toEqual([
      'Dag;Medewerker;Team;Open taken;Te late taken',
      '01/04/2025;An Maatschappelijk Assistent;demo;12;2',
      '01/04/2025;Bart Maatschappelijk Assistent;demo;7;0',
      '02/04/2025;An Maatschappelijk Assistent;demo;1.234;3',
    ]);
    const [xlsx] = await Promise.all([lead.waitForEvent('download'), lead.getByRole('link', { name: 'Dossiers geopend en afgesloten als Excel-bestand (XLSX) downloaden' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('dossiers-2025-03-2025-04-demo.xlsx');
    await accessibleScreenshot(lead, 'cijfers');
    await lead.close();
  });

  it('asks the cause of a breach when the team lead marks it "Gezien", and counts it in the figures', async () => {
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.getByRole('link', { name: 'Team' }).click();
    await lead.getByRole('heading', { name: 'Escalaties (2)' }).waitFor();
    await lead.getByRole('listitem').filter({ hasText: 'Overschreden:' }).getByRole('button', { name: 'Gezien' }).click();
    const dialog = lead.getByRole('dialog', { name: 'Waarom werd de termijn overschreden?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Gezien, met deze oorzaak' }).click();
    await dialog.getByRole('alert').getByText('Kies een oorzaak.').waitFor();
    await dialog.getByLabel('Oorzaak *').selectOption({ label: 'Wachten op een partner' });
    await dialog.getByLabel('Toelichting (niet verplicht)').fill('Het CAW antwoordde niet.');
    await accessibleScreenshot(lead, 'team-gezien-oorzaak');
    await dialog.getByRole('button', { name: 'Gezien, met deze oorzaak' }).click();
    await lead.getByRole('heading', { name: 'Escalaties (1)' }).waitFor();
    const acknowledged = (await sys.http.get('/escalations?status=acknowledged').set(sys.as('team-lead'))).body.items;
    expect(acknowledged.find((e: { id: string }) => e.id === openBreachId)).toMatchObject({ cause: 'wachten-op-partner', causeNote: 'Het CAW antwoordde niet.' });

    await lead.goto(`${sys.baseUrl}/app/cijfers?van=${FIGURES_PERIOD.from}&tot=${FIGURES_PERIOD.to}`);
    expect((await rowsOf(lead, 'Overschrijdingen per oorzaak')).slice(2)).toEqual([
      ['april 2025', 'Personeelstekort', '2'],
      ['april 2025', 'Wachten op een partner', '1'],
    ]);
    await lead.close();
  });

  it('shows the debt mediation annual report of a chosen year, with its CSV and PDF downloads', async () => {
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.goto(`${sys.baseUrl}/app/cijfers`);
    const section = lead.getByRole('region', { name: 'Jaarverslag schuldbemiddeling' });
    await section.getByLabel('Jaar', { exact: true }).fill('25');
    await section.getByRole('button', { name: 'Jaarverslag opvragen' }).click();
    await section.getByRole('alert').getByText('Vul een geldig jaar in (vier cijfers).').waitFor();
    await section.getByLabel('Jaar', { exact: true }).fill('2025');
    await section.getByRole('button', { name: 'Jaarverslag opvragen' }).click();
    await section.getByText('in te dienen uiterlijk op 31 maart 2026').waitFor();
    await section.getByText('Geen dossiers schuldbemiddeling in dit jaar.').waitFor();
    const pdf = section.getByRole('link', { name: 'Dossiers schuldbemiddeling 2025 als PDF downloaden' });
    expect(await pdf.getAttribute('href')).toBe('/figures/debt-mediation-report?year=2025&format=pdf');
    const [download] = await Promise.all([lead.waitForEvent('download'), pdf.click()]);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await section.getByRole('link', { name: 'Dossiers schuldbemiddeling 2025 als CSV downloaden' }).getAttribute('href')).toBe('/figures/debt-mediation-report?year=2025&format=csv');
    await lead.close();
  });

  it('shows the heating allowances of a month for the Fund (HF-4): last month by default, an empty month said in Dutch, its downloads', async () => {
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.goto(`${sys.baseUrl}/app/cijfers`);
    const section = lead.getByRole('region', { name: 'Verwarmingstoelagen (terugbetaling door het Fonds)' });
    const [y, m] = todayInBrussels().slice(0, 7).split('-').map(Number);
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    expect(await section.getByLabel('Maand van de beslissingen').inputValue()).toBe(last);
    await section.getByLabel('Maand van de beslissingen').fill('');
    await section.getByRole('button', { name: 'Maand opvragen' }).click();
    await section.getByRole('alert').getByText('Kies een maand.').waitFor();
    await section.getByLabel('Maand van de beslissingen').fill('2020-02');
    await section.getByRole('button', { name: 'Maand opvragen' }).click();
    await section.getByText('De verwarmingstoelagen die het BCSD in februari 2020 toekende').waitFor();
    await section.getByText('Geen verwarmingstoelagen toegekend in deze maand.').waitFor();
    const csv = section.getByRole('link', { name: 'Verwarmingstoelagen toegekend in februari 2020 als CSV downloaden' });
    expect(await csv.getAttribute('href')).toBe('/figures/heating-allowances?month=2020-02&format=csv');
    const [download] = await Promise.all([lead.waitForEvent('download'), csv.click()]);
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe('\uFEFFDossier;Beslissing;Categorie;Brandstof;Liter;Bedrag;Betaald aan;Team\r\n');
    await lead.close();
  });

  it('shows the DEBT-1 clock of the OCMW on the Team screen, and the team lead marks the report submitted on Cijfers', async () => {
    // The clock of 2025 (due 31 March 2026, passed on any day this runs), as the yearly schedule starts it.
    const report = await sys.temporal.workflow.start('debtMediationAnnualReport', {
      taskQueue: sys.taskQueue, workflowId: debtReportWorkflowId(sys.taskQueue, 2025), args: [{ year: 2025, team: 'demo', timeZone: 'Europe/Brussels', warningDays: 7 }],
    });
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM deadlines WHERE dossier_id IS NULL AND status = 'breached'`)).rows[0]);
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.goto(`${sys.baseUrl}/app/team`);
    const breached = lead.getByRole('region', { name: /Overschreden/ });
    await breached.getByText('termijn van het OCMW').waitFor();
    await breached.getByRole('link', { name: 'Jaarverslag schuldbemiddeling 2025' }).click();
    await lead.waitForURL('**/app/cijfers');

    const section = lead.getByRole('region', { name: 'Jaarverslag schuldbemiddeling' });
    await section.getByLabel('Jaar', { exact: true }).fill('2025');
    await section.getByRole('button', { name: 'Jaarverslag opvragen' }).click();
    const form = section.getByRole('form', { name: 'Indiening van het jaarverslag 2025' });
    await form.getByLabel('Ingediend bij het departement op').fill('2025-06-01');
    await form.getByRole('button', { name: 'Als ingediend markeren' }).click();
    await form.getByRole('alert').getByText('Kies een datum na 31 december 2025 en niet later dan vandaag.').waitFor();
    await form.getByLabel('Ingediend bij het departement op').fill('2026-04-15');
    await form.getByRole('button', { name: 'Als ingediend markeren' }).click();
    await section.getByText('Ingediend op 15 april 2026 door Chris Teamverantwoordelijke. De cijfers zijn die van die dag.').waitFor();
    expect(await section.getByRole('form', { name: 'Indiening van het jaarverslag 2025' }).count()).toBe(0);
    expect(await report.result()).toMatchObject({ status: 'breached', submittedOn: '2026-04-15' });
    await lead.close();
  });
});
