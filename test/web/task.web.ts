import type { Browser } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { accessibleScreenshot, fillCompetenceFactsLivingHere, signedInPage, launchBrowser } from '../support/browser';
import { todayInBrussels, VALID_IBANS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

/** A task page: the form generated from the task's outcome schema (ported from screens.web.ts). */
describe('the task page (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '85073003328', firstName: 'Els', lastName: 'Maes', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[1],
    });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate: addDays(todayInBrussels(), -1) });
    dossierId = dossier.body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('completes the task through the generated form: conditional fields, the server\'s errors in Dutch, the input kept', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.getByRole('link', { name: 'Territoriale bevoegdheid nagaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Territoriale bevoegdheid nagaan' }).waitFor();
    // The competent OCMW is asked only when this OCMW is not competent (the schema's if/then).
    expect(await page.getByLabel('Bevoegd OCMW *').count()).toBe(0);
    await page.getByLabel('Is dit OCMW bevoegd? *').selectOption({ label: 'Nee, niet bevoegd' });
    await page.getByLabel('Bevoegd OCMW *').waitFor();
    await page.getByLabel('Toegepaste regel (Wet 1965) *').selectOption({ label: 'Gewoonlijke verblijfplaats' });
    await page.getByRole('button', { name: 'Afronden' }).click();
    await page.locator('#f-competentOcmw-error').getByText('Dit veld is verplicht.').waitFor();
    expect(await page.getByLabel('Toegepaste regel (Wet 1965) *').inputValue()).not.toBe(''); // nothing lost
    await accessibleScreenshot(page, 'react-2-taak-geweigerd');
    await page.getByLabel('Is dit OCMW bevoegd? *').selectOption({ label: 'Ja, bevoegd' });
    expect(await page.getByLabel('Bevoegd OCMW *').count()).toBe(0);
    // A new dossier requires the facts: the situation (marked *) and where the person lives.
    expect(await page.locator('#f-situation-error').textContent()).toBe('Dit veld is verplicht.');
    await fillCompetenceFactsLivingHere(page);
    await page.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    // The dossier page (ported from screens.web.ts): Dutch status from GET /procedures, never a stored code.
    await page.getByRole('heading', { name: /Dossier LL-/ }).waitFor();
    await page.getByText('Sociaal onderzoek (in behandeling)').waitFor();
    const status = page.locator('[data-status]');
    expect(await status.getAttribute('data-status')).toBe('INQUIRY');
    expect(await status.textContent()).toBe('Sociaal onderzoek');
    await page.getByText('Els Maes · Leefloon (RMI-wet) · status Sociaal onderzoek').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/INQUIRY|claimed|running|leefloon ·/);
    // "Waarom deze datum?" gives every step the API returns.
    const api = await sys.http.get(`/dossiers/${dossierId}`).set(sys.as('social-worker'));
    const deadline = api.body.deadlines.find((x: { explanationSteps: unknown[] }) => x.explanationSteps.length > 1);
    const item = page.getByRole('listitem').filter({ hasText: deadline.title }).first();
    await item.getByText('Waarom deze datum?').click();
    expect(await item.locator('details ol li').count()).toBe(deadline.explanationSteps.length);
    // The timeline tells each event once.
    const lines = await page.getByRole('region', { name: 'Tijdlijn' }).locator('li').allTextContents();
    expect(new Set(lines).size).toBe(lines.length);
    await accessibleScreenshot(page, 'react-3-dossier');
    await page.close();
  });

  it("shows the admin's Mijn taken without the finished tasks (no completed task as in behandeling with days left)", async () => {
    await sys.loginAll(['admin']);
    const done = (await sys.http.get('/tasks?status=completed').set(sys.as('admin'))).body.items as { id: string }[];
    expect(done.length).toBeGreaterThan(0); // the competence check of the test before
    const admin = await signedInPage(browser, sys.baseUrl, 'admin');
    await admin.getByRole('heading', { name: 'Mijn taken' }).waitFor();
    await admin.locator('table, main p').first().waitFor();
    for (const task of done) expect(await admin.locator(`a[href="/app/taken/${task.id}"]`).count()).toBe(0);
    const statuses = await admin.locator('tbody tr td:last-child').allTextContents();
    expect(statuses.filter((x) => x !== 'open' && x !== 'in behandeling')).toEqual([]);
    await admin.close();
  });
});
