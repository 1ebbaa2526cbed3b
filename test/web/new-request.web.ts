import type { Browser, Page } from 'playwright-core';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { outcomes } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/** Nieuwe aanvraag (ported from screens.web.ts): the person found or registered, the dossier opened and shown filled. */
describe('a new request (browser)', () => {
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

  it('opens a new request, checking the national number as it is typed', async () => {
    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    await page.getByLabel('Rijksregisternummer of BIS-nummer', { exact: true }).fill('93051822362');
    await page.getByText('Dit rijksregisternummer klopt niet (controlegetal).').waitFor();
    await page.getByLabel('Rijksregisternummer of BIS-nummer', { exact: true }).fill('93.05.18-223.61');
    expect(await page.locator('#nn-hint').textContent()).toBe('');
    for (const [label, value] of [['Voornaam *', 'Jan'], ['Naam *', 'Peeters'], ['Straat en nummer *', 'Markt 1'], ['Postcode *', '9000'], ['Gemeente *', 'Gent']]) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await accessibleScreenshot(page, 'react-8-nieuwe-aanvraag');
    await page.getByRole('button', { name: 'Aanvraag leefloon openen' }).click();
    await page.waitForURL('**/app/dossiers/*');
    await page.getByText(/^Jan Peeters · Leefloon \(RMI-wet\) · status (Aanvraag geregistreerd|Bevoegdheid nagaan)$/).waitFor();
  });

  it('registers a person without a national number: the reason is asked, a possible duplicate is confirmed', async () => {
    await sys.http.post('/persons').set(sys.as('social-worker')).send({
      firstName: 'Amina', lastName: 'Haddad', birthDate: '1994-04-04', noNationalNumberReason: 'international-protection-applicant',
      address: { street: 'Kouter 5', postalCode: '9000', city: 'Gent' },
    });
    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    await page.getByLabel('Rijksregisternummer of BIS-nummer', { exact: true }).fill('93051822361');
    expect(await page.locator('#without-nn').isHidden()).toBe(true);
    await page.getByLabel('Rijksregisternummer of BIS-nummer', { exact: true }).fill('');
    await page.getByLabel('Reden zonder rijksregisternummer *').selectOption({ label: 'BIS-nummer aangevraagd' });
    await page.getByLabel('Geboortedatum *').fill('1994-04-04');
    for (const [label, value] of [['Voornaam *', 'Amina'], ['Naam *', 'Haddad'], ['Straat en nummer *', 'Kouter 5'], ['Postcode *', '9000'], ['Gemeente *', 'Gent']]) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Aanvraag leefloon openen' }).click();
    await page.getByText('Er is al een persoon geregistreerd met deze naam en geboortedatum.', { exact: false }).waitFor();
    await accessibleScreenshot(page, 'react-9-mogelijk-dubbel');
    await page.getByRole('button', { name: 'Toch registreren' }).click();
    await page.waitForURL('**/app/dossiers/*');
    await page.getByText(/^Amina Haddad · Leefloon \(RMI-wet\) · status/).waitFor();
    const confirmed = await sys.db.query(`SELECT count(*) FROM audit_events WHERE action = 'person.duplicate-confirmed'`);
    expect(Number(confirmed.rows[0].count)).toBe(1);
  });

  it('opens a social aid request, the procedure chosen by its Dutch title, and renders its own inquiry from its outcome schema', async () => {
    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    // Every procedure GET /procedures lists is offered by its Dutch title (debt mediation without any web change).
    // The options arrive with GET /procedures: wait for them before reading the list (allTextContents does not wait).
    await page.getByLabel('Procedure', { exact: true }).locator('option', { hasText: 'Schuldbemiddeling en budgetbegeleiding (OCMW-wet)' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Procedure', { exact: true }).locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Maatschappelijke dienstverlening (OCMW-wet)', 'Schuldbemiddeling en budgetbegeleiding (OCMW-wet)']),
    );
    await page.getByLabel('Procedure', { exact: true }).selectOption({ label: 'Maatschappelijke dienstverlening (OCMW-wet)' });
    await page.getByLabel('Reden zonder rijksregisternummer *').selectOption({ label: 'Verzoeker om internationale bescherming (nog geen BIS-nummer)' });
    await page.getByLabel('Geboortedatum *').fill('1990-09-09');
    for (const [label, value] of [['Voornaam *', 'Samir'], ['Naam *', 'Aziz'], ['Straat en nummer *', 'Dok 4'], ['Postcode *', '9000'], ['Gemeente *', 'Gent']]) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Aanvraag maatschappelijke dienstverlening openen' }).click();
    await page.waitForURL('**/app/dossiers/*');
    await page.getByText(/^Samir Aziz · Maatschappelijke dienstverlening \(OCMW-wet\) · status/).waitFor();
    const dossierId = page.url().split('/').at(-1)!;
    const check = await eventually(async () =>
      (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { dossierId: string; kind: string }) => t.dossierId === dossierId && t.kind === 'competence-check'),
    );
    await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker')).send(outcomes.competent);
    const inquiry = await eventually(async () =>
      (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { dossierId: string; kind: string }) => t.dossierId === dossierId && t.kind === 'aid-inquiry'),
    );
    await page.goto(`${sys.baseUrl}/app/taken/${inquiry.id}`);
    await page.getByRole('heading', { name: 'Sociaal onderzoek (maatschappelijke dienstverlening)' }).waitFor();
    await page.getByText('Code in het Rijksregister', { exact: false }).first().waitFor();
    await page.getByText('Door de staat terugbetaald (Wet 1965)?', { exact: false }).first().waitFor();
    await accessibleScreenshot(page, 'react-10-maatschappelijke-dienstverlening');
  });

  it('offers the search first: a person already registered is chosen, not registered again', async () => {
    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    const find = page.getByRole('group', { name: 'Eerst zoeken: is de persoon al gekend?' });
    await find.getByLabel('Zoek op naam, rijksregisternummer of geboortedatum').fill('jan peters');
    await find.getByLabel('Zoek op naam, rijksregisternummer of geboortedatum').press('Enter'); // searches; does not open a request
    await find.getByRole('button', { name: 'Jan Peeters kiezen' }).click();
    await page.getByText('Aanvraag voor Jan Peeters').waitFor();
    expect(await page.getByLabel('Voornaam *').count()).toBe(0);
    await page.getByLabel('Procedure', { exact: true }).selectOption({ label: 'Maatschappelijke dienstverlening (OCMW-wet)' });
    await page.getByRole('button', { name: 'Aanvraag maatschappelijke dienstverlening openen' }).click();
    await page.waitForURL('**/app/dossiers/*');
    await page.getByText(/^Jan Peeters · Maatschappelijke dienstverlening \(OCMW-wet\) · status/).waitFor();
    expect(Number((await sys.db.query(`SELECT count(*) FROM persons WHERE last_name = 'Peeters'`)).rows[0].count)).toBe(1);
  });
});
