import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { accessibleScreenshot, launchBrowser, openRequestInBrowser, signedInPage } from '../support/browser';
import { outcomes, todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The advance on a benefit in the browser (issue 15): opened from "Nieuwe aanvraag" by its Dutch title, its inquiry
 * rendered from its outcome schema (the paying body picked among the dossier's parties, the amounts in euros), and
 * the proposal the system computes from it on the dossier's timeline.
 */
describe('the advance on a benefit (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    browser = await launchBrowser();
    page = await signedInPage(browser, sys.baseUrl, 'social-worker');
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('opens a request from "Nieuwe aanvraag", records the benefit and the paying body, and shows the proposal', async () => {
    const dossierId = await openRequestInBrowser(page, {
      procedure: 'Voorschot op een sociale uitkering', button: 'Aanvraag voorschot op een sociale uitkering openen', birthDate: '1979-06-03', firstName: 'Karim', lastName: 'Wachttijd', street: 'Dampoort 12',
    });

    // The paying body, registered and linked to the dossier.
    const party = await sys.http.post('/parties').set(sys.as('social-worker')).send({
      name: 'CM Ziekenfonds Midden-Vlaanderen', kind: 'paying-body', address: { street: 'Martelaarslaan 17', postalCode: '9000', city: 'Gent' },
    });
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(sys.as('social-worker')).send({ partyId: party.body.id, role: 'paying-body' })).status).toBe(201);
    const check = await openTaskOf(sys, 'social-worker', dossierId, 'competence-check');
    expect((await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker')).send(outcomes.competent)).status).toBe(200);
    const inquiry = await openTaskOf(sys, 'social-worker', dossierId, 'advance-inquiry');
    await page.goto(`${sys.baseUrl}/app/taken/${inquiry.id}`);
    const form = page.getByRole('form', { name: 'Onderzoek voorschot op een uitkering (nagaan bij de uitbetalingsinstelling)' });
    const benefit = form.getByLabel('Uitkering *', { exact: true });
    await benefit.locator('option', { hasText: 'Ziekte-uitkering (arbeidsongeschiktheid)' }).waitFor({ state: 'attached' });
    await benefit.selectOption({ label: 'Ziekte-uitkering (arbeidsongeschiktheid)' });
    await form.getByLabel('Datum van de aanvraag van de uitkering *').fill(addDays(todayInBrussels(), -7));
    await form.getByLabel('Bevestigt de uitbetalingsinstelling dat de aanvraag loopt en nog niet betaald is? *').selectOption({ label: 'Ja' });
    const payingBody = form.getByLabel('Uitbetalingsinstelling (partij van het dossier) *');
    await payingBody.locator('option', { hasText: 'CM Ziekenfonds Midden-Vlaanderen' }).waitFor({ state: 'attached' });
    await payingBody.selectOption({ index: 1 });
    // Amounts in euros, as everywhere in the app.
    await form.getByLabel('Verwachte uitkering per maand', { exact: false }).fill('1.350,00');
    await form.getByLabel('Voorgesteld voorschot per maand', { exact: false }).fill('1.200,50');
    await form.getByLabel('Voorschot vanaf *').fill(todayInBrussels());
    await accessibleScreenshot(page, 'voorschot-onderzoek');
    await form.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    await page.getByText('Voorstel: toekennen', { exact: false }).first().waitFor();
    await page.getByText('Voorschot van € 1.200,50 per maand', { exact: false }).first().waitFor();
    const item = await eventually(async () => (await sys.db.query(`SELECT proposal FROM agenda_items WHERE dossier_id = $1`, [dossierId])).rows[0]);
    expect(item.proposal).toMatchObject({ proposal: 'grant', amountCents: 120_050 });
    const task = (await sys.db.query(`SELECT outcome FROM tasks WHERE id = $1`, [inquiry.id])).rows[0];
    expect(task.outcome).toMatchObject({ benefit: 'sickness', payingBodyPartyId: party.body.id, expectedMonthlyBenefitCents: 135_000 });
  });
});
