import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { accessibleScreenshot, launchBrowser, openRequestInBrowser, signedInPage } from '../support/browser';
import { outcomes, todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The heating allowance in the browser (issue 15): opened from "Nieuwe aanvraag" by its Dutch title, its inquiry
 * rendered from its outcome schema (the fields of the chosen category and fuel shown as they apply), and the proposal
 * the system computes from it on the dossier's timeline.
 */
describe('the heating allowance (browser)', () => {
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

  it('opens a request from "Nieuwe aanvraag", records the invoice and the category, and shows the proposal with its computation', async () => {
    const dossierId = await openRequestInBrowser(page, {
      procedure: 'Verwarmingstoelage (Sociaal Verwarmingsfonds)', button: 'Aanvraag verwarmingstoelage openen', birthDate: '1948-02-12', firstName: 'Georgette', lastName: 'Mazout', street: 'Molenstraat 2',
    });

    const check = await openTaskOf(sys, 'social-worker', dossierId, 'competence-check');
    expect((await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker')).send(outcomes.competent)).status).toBe(200);
    const inquiry = await openTaskOf(sys, 'social-worker', dossierId, 'heating-inquiry');
    await page.goto(`${sys.baseUrl}/app/taken/${inquiry.id}`);
    const form = page.getByRole('form', { name: 'Onderzoek verwarmingstoelage (factuur en categorie)' });
    const fuel = form.getByLabel('Brandstof *');
    await fuel.locator('option', { hasText: 'Bulkpropaan' }).waitFor({ state: 'attached' });
    expect(await fuel.locator('option').allTextContents()).toEqual(expect.arrayContaining(['Bulkpropaan', 'Aardgas (niet gedekt door het fonds)']));
    await fuel.selectOption({ label: 'Huisbrandolie (gasolie verwarming) in bulk' });
    await form.getByLabel('Leveringsdatum op de factuur of het aankoopbewijs *').fill(addDays(todayInBrussels(), -20));
    await form.getByLabel('Aantal liter op de factuur (bulk) *').fill('500');
    await form.getByLabel('Prijs per liter op de factuur, btw inbegrepen (bulk) *').fill('1050');
    await form.getByLabel('Categorie *').selectOption({ label: 'Categorie 1: recht op verhoogde tegemoetkoming in de ziekteverzekering en een inkomen onder de grens' });
    await form.getByLabel('Recht op verhoogde tegemoetkoming (ziekenfonds)? *').selectOption({ label: 'Ja' });
    // The income in euros, as everywhere in the app.
    await form.getByLabel('Bruto belastbaar inkomen van het huishouden per jaar', { exact: false }).fill('18.500,00');
    await accessibleScreenshot(page, 'verwarmingstoelage-onderzoek');
    await form.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    // 500 litres at € 1,050: the bracket of 15 cent → € 75,00, on the timeline as the proposal.
    await page.getByText('Voorstel: toekennen', { exact: false }).first().waitFor();
    await page.getByText('500 liter × 15 cent per liter = € 75,00', { exact: false }).first().waitFor();
    const item = await eventually(async () => (await sys.db.query(`SELECT proposal FROM agenda_items WHERE dossier_id = $1`, [dossierId])).rows[0]);
    expect(item.proposal).toMatchObject({ proposal: 'grant', amountCents: 7_500 });
  });
});
