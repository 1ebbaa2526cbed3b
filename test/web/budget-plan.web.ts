import type { Browser } from 'playwright-core';
import { BudgetPlan, plannedOutgoing, previewWindows } from '../../libs/domain/budget-plan';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { accessibleScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { todayInBrussels, VALID_IBANS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { openDossierWithoutNationalNumber } from '../support/task-flow';

const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };

/**
 * Budgetplan on a debt mediation dossier's page, beside the Budgetinventaris: the inventory's table with its totals; a
 * plan entered in euros behind "Budgetplan opstellen" (a bad IBAN refused in Dutch, nothing stored); the plan with
 * this week's living money on its day (as plannedOutgoing computes it for today) and this month's payments; a bank
 * statement read in and its movement shown on the account.
 */
describe('Budgetplan (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;
  let landlord: string;
  let creditor: string;
  let debtId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    dossierId = await openDossierWithoutNationalNumber(sys, 'social-worker', { birthDate: '1979-03-14', firstName: 'Bart', lastName: 'Claes', address }, 'debt-mediation');
    const party = async (name: string, kind: string, role: string, iban?: string) => {
      const created = await sys.http.post('/parties').set(sys.as('social-worker')).send({ name, kind, address, ...(iban ? { iban } : {}) }).expect(201);
      await sys.http.post(`/dossiers/${dossierId}/parties`).set(sys.as('social-worker')).send({ partyId: created.body.id, role }).expect(201);
      return created.body.id as string;
    };
    landlord = await party('Woonhaven Gent', 'landlord', 'landlord', VALID_IBANS[1]);
    creditor = await party('Telecom NV', 'creditor', 'creditor');
    const post = (what: string, body: object) => sys.http.post(`/dossiers/${dossierId}/${what}`).set(sys.as('social-worker')).send(body).expect(201);
    await post('incomes', { kind: 'leefloon', amountCents: 131420, dayOfMonth: 1 });
    await post('expenses', { kind: 'rent', amountCents: 65000, dueDay: 1 });
    debtId = (await post('debts', { creditorPartyId: creditor, creditorReference: 'TEL 2024/17', originalCents: 60000, outstandingCents: 60000 })).body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('shows the inventory with its totals, saves a plan entered in euros and shows what goes out this week and this month', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const inventory = page.getByRole('region', { name: 'Budgetinventaris' });
    await inventory.getByRole('table', { name: 'Inkomsten' }).getByRole('row', { name: /Totaal/ }).getByRole('cell', { name: '€ 1.314,20' }).waitFor();
    await inventory.getByRole('table', { name: 'Schulden' }).getByRole('row', { name: /Totaal openstaand/ }).getByRole('cell', { name: '€ 600,00' }).waitFor();
    await inventory.getByText('Maandelijkse marge (inkomsten min vaste kosten): € 664,20').waitFor();

    const section = page.getByRole('region', { name: 'Budgetplan' });
    await section.getByText('Nog geen budgetplan.').waitFor();
    await section.getByText('Budgetplan opstellen').click();
    const form = section.getByRole('form', { name: 'Budgetplan wijzigen' });
    const monday = previewWindows(todayInBrussels()).week.from;
    await form.getByLabel(/^Geldig vanaf/).fill(monday);
    await form.getByLabel(/^Naam van de rekeninghouder/).fill('OCMW Demo budgetbeheer Bart Claes');
    await form.getByLabel(/^IBAN/).fill('BE68 5390 0754 7035');
    await form.getByLabel(/^BIC/).fill('gkccbebb');
    await form.getByLabel(/^Leefgeld per week/).fill('125,50');
    await form.getByLabel(/^Reserve per maand/).fill('25');
    await form.getByRole('button', { name: 'Vaste kost toevoegen' }).click();
    const rent = form.getByRole('group', { name: 'Vaste kost 1' });
    await rent.getByLabel(/^Omschrijving/).fill('Huur');
    await rent.getByLabel(/^Begunstigde/).selectOption({ label: 'Woonhaven Gent (Verhuurder)' });
    await rent.getByLabel(/^Bedrag per maand/).fill('650,00');
    await rent.getByLabel(/^Vervaldag/).fill('1');
    await form.getByRole('button', { name: 'Afbetaling toevoegen' }).click();
    const instalment = form.getByRole('group', { name: 'Afbetaling 1' });
    await instalment.getByLabel(/^Schuld/).selectOption({ label: 'Telecom NV (TEL 2024/17), openstaand € 600,00' });
    await instalment.getByLabel(/^Bedrag per maand/).fill('1.050');
    await instalment.getByLabel(/^Vervaldag/).fill('25');
    // The IBAN's check digits are wrong: refused at its field in Dutch, nothing stored.
    await form.getByRole('button', { name: 'Budgetplan opslaan' }).click();
    await form.getByText('Dit rekeningnummer (IBAN) klopt niet.').waitFor();
    expect((await sys.db.query('SELECT count(*)::int AS n FROM budget_plans WHERE dossier_id = $1', [dossierId])).rows[0].n).toBe(0);
    await instalment.getByLabel(/^Bedrag per maand/).fill('50');
    await form.getByLabel(/^IBAN/).fill('BE68 5390 0754 7034');
    await form.getByRole('button', { name: 'Budgetplan opslaan' }).click();
    await section.getByText('Budgetplan opgeslagen (versie 1).').waitFor();

    const stored = (await sys.db.query('SELECT plan FROM budget_plans WHERE dossier_id = $1', [dossierId])).rows[0].plan as BudgetPlan;
    expect(stored).toMatchObject({
      version: 1, validFrom: monday, account: { iban: VALID_IBANS[0], bic: 'GKCCBEBB' }, leefgeldWeeklyCents: 12550, reserveMonthlyCents: 2500,
      fixedCosts: [{ key: 'huur', partyId: landlord, label: 'Huur', amountCents: 65000, dueDay: 1 }],
      instalments: [{ debtId, partyId: creditor, debtRef: 'TEL-2024/17', amountCents: 5000, dueDay: 25 }],
    });

    await section.getByText('Leefgeld: € 125,50 per week, elke maandag (op de werkdag ervoor als het geen werkdag is)').waitFor();
    await section.getByText('BE68 5390 0754 7034').waitFor();
    await section.getByRole('table', { name: 'Vaste kosten' }).getByRole('row', { name: /Huur/ }).getByRole('cell', { name: '€ 650,00' }).waitFor();
    await section.getByRole('table', { name: 'Afbetalingen aan schuldeisers' }).getByRole('row', { name: /Telecom NV/ }).getByRole('cell', { name: '€ 50,00' }).waitFor();
    // This week's living money on its day, as the one computation says for today (a holiday moves it to the working day before).
    const windows = previewWindows(todayInBrussels());
    const week = plannedOutgoing(stored, windows.week, 1);
    const thisWeek = section.getByRole('table', { name: /^Wat deze week buitengaat/ });
    await thisWeek.waitFor();
    expect(await thisWeek.getByRole('caption').textContent()).toBe(`Wat deze week buitengaat (${formatDateNl(windows.week.from)} tot ${formatDateNl(windows.week.to)})`);
    for (const p of week.payments.filter((x) => x.kind === 'leefgeld')) {
      await thisWeek.getByRole('row', { name: new RegExp(`${formatDateNl(p.date)} Leefgeld de cliënt`) }).getByRole('cell', { name: '€ 125,50' }).waitFor();
    }
    expect(await thisWeek.getByRole('row').count()).toBe(2 + Math.max(1, week.payments.length));
    const month = plannedOutgoing(stored, windows.month, 1);
    const thisMonth = section.getByRole('table', { name: /^Wat deze maand buitengaat/ });
    await thisMonth.getByRole('row', { name: /Totaal/ }).getByRole('cell', { name: formatEuro(month.totalCents) }).waitFor();
    await accessibleScreenshot(page, 'dossier-budgetplan');

    // A bank statement: the leefloon comes in and is matched to the inventory's income.
    const statement = section.getByRole('form', { name: 'Rekeninguittreksel inlezen' });
    await statement.getByLabel(/^Bestand/).setInputFiles({
      name: 'uittreksel.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`Rekening;Datum;Bedrag;Referentie;Rekening tegenpartij;Naam tegenpartij;Mededeling\n${VALID_IBANS[0]};01/12/2026;1.314,20;B-1;;POD MI;Leefloon\n${VALID_IBANS[1]};01/12/2026;-5,00;B-2;;;Andere\n`),
    });
    await statement.getByRole('button', { name: 'Inlezen' }).click();
    await statement.getByText('1 beweging ingelezen (1 gekoppeld), 0 al eerder ingelezen.').waitFor();
    await statement.getByText('Regel 3 niet ingelezen: geboekt op een andere rekening.').waitFor();
    await section.getByRole('table', { name: 'Bewegingen op de rekening' }).getByRole('row', { name: /1 december 2026/ }).getByRole('cell', { name: 'een inkomen' }).waitFor();
    await page.close();
  });
});
