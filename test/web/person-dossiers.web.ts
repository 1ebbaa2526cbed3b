import * as fs from 'node:fs';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { dateLong } from '../../apps/web/src/format';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };

/** The person page (found from Cliënten, contact details changed, their dossiers) and Mijn dossiers / the team's. */
describe('the person page and Mijn dossiers (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossier: { id: string; reference: string };
  let due: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'admin']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker'))
      .send({ nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan', lastName: 'Peeters', address, phone: '09 123 45 67' });
    expect(person.status).toBe(201);
    const opened = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    expect(opened.status).toBe(201);
    dossier = opened.body;
    // The workflow computes the legal deadlines: wait for the nearest, as Mijn dossiers will show it.
    due = await eventually(async () => {
      const list = await sys.http.get('/dossiers?scope=mine').set(sys.as('social-worker'));
      return list.body.items.find((d: { id: string }) => d.id === dossier.id)?.nearestDeadline?.dueDate as string | undefined;
    }, 30_000);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('finds the client, opens the person page, changes the phone number (kept after a reload) and sees the dossier', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.getByRole('navigation').getByRole('link', { name: 'Cliënten' }).click();
    const field = page.getByLabel('Zoek op naam, rijksregisternummer of geboortedatum');
    await field.fill('jan peters');
    await field.press('Enter');
    await page.getByRole('row', { name: /Jan Peeters/ }).getByRole('link', { name: 'Jan Peeters' }).click();
    await page.waitForURL('**/app/clienten/*');
    await page.getByRole('heading', { level: 1, name: 'Jan Peeters' }).waitFor();
    const contact = page.getByRole('region', { name: 'Contactgegevens' });
    await contact.getByText('09 123 45 67', { exact: true }).waitFor();

    const phone = contact.getByLabel('Telefoon (optioneel)');
    await phone.fill('bel me');
    await contact.getByRole('button', { name: 'Contactgegevens opslaan' }).click();
    await contact.getByText('Geen geldige waarde.').waitFor(); // the API's error, in Dutch, beside the field
    await phone.fill('+32 470 12 34 56');
    await contact.getByRole('button', { name: 'Contactgegevens opslaan' }).click();
    await contact.getByText('Contactgegevens opgeslagen.').waitFor();
    await page.reload();
    await page.getByRole('region', { name: 'Contactgegevens' }).getByText('+32 470 12 34 56', { exact: true }).waitFor();
    expect(await page.getByLabel('Telefoon (optioneel)').inputValue()).toBe('+32 470 12 34 56');

    const row = page.getByRole('region', { name: 'Dossiers' }).getByRole('row', { name: new RegExp(dossier.reference) });
    await row.getByRole('cell', { name: 'Leefloon (RMI-wet)' }).waitFor();
    await accessibleScreenshot(page, 'persoon');
    await row.getByRole('link', { name: dossier.reference }).click();
    await page.waitForURL(`**/app/dossiers/${dossier.id}`);

    // A new request for this person starts with the person chosen: no second registration.
    await page.goBack();
    await page.getByRole('button', { name: 'Nieuwe aanvraag voor deze persoon' }).click();
    await page.waitForURL('**/app/nieuwe-aanvraag?persoon=*');
    await page.getByText('Aanvraag voor Jan Peeters').waitFor();
    expect(await page.getByLabel('Voornaam *').count()).toBe(0);
    // The data subject's export is the admin's (the DPO's): the social worker has no such section.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Jan Peeters' }).waitFor();
    expect(await page.getByRole('region', { name: 'Inzage in de persoonsgegevens (AVG)' }).count()).toBe(0);
    await page.close();
  });

  it("lets the admin download the data subject's export from the person page, as a zip with the dossier", async () => {
    const personId = (await sys.db.query(`SELECT person_id FROM dossiers WHERE id = $1`, [dossier.id])).rows[0].person_id as string;
    const page = await signedInPage(browser, sys.baseUrl, 'admin');
    await page.goto(`${sys.baseUrl}/app/clienten/${personId}`);
    const section = page.getByRole('region', { name: 'Inzage in de persoonsgegevens (AVG)' });
    await section.getByText(/art\. 15 AVG/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'Inzage-export downloaden (zip)' }).click()]);
    expect(download.suggestedFilename()).toBe(`inzage-${personId}.zip`);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    expect(JSON.parse(await zip.file('gegevens.json')!.async('string')).dossiers).toEqual([dossier.id]);
    await page.close();
  });

  it('finds the dossier in Mijn dossiers with its nearest deadline, filters it, and shows the team lead the team', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.getByRole('navigation').getByRole('link', { name: 'Mijn dossiers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn dossiers' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(dossier.reference) });
    await row.getByRole('cell', { name: 'Jan Peeters' }).waitFor();
    await row.getByRole('cell', { name: 'Leefloon (RMI-wet)' }).waitFor();
    expect(await row.locator('td').last().innerText()).toMatch(new RegExp(`^${dateLong(due)} \\(\\d+ dag(en)?\\)`));
    await accessibleScreenshot(page, 'mijn-dossiers');

    await page.getByLabel('Termijn').selectOption({ label: 'Termijn overschreden' });
    await page.getByText('Geen dossiers gevonden.').waitFor();
    expect(page.url()).toContain('risk=overdue');
    await page.getByLabel('Termijn').selectOption({ label: 'Alle' });
    await page.getByLabel('Status').selectOption({ label: 'Lopend' });
    await page.getByLabel('Procedure').selectOption({ label: 'Leefloon (RMI-wet)' });
    await row.waitFor();
    await page.getByLabel('Welke dossiers').selectOption({ label: 'Dossiers van het team' });
    await page.getByRole('heading', { level: 1, name: 'Dossiers van het team' }).waitFor();
    await row.waitFor();
    await row.getByRole('link', { name: dossier.reference }).click();
    await page.waitForURL(`**/app/dossiers/${dossier.id}`);
    await page.close();

    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.getByRole('navigation').getByRole('link', { name: 'Mijn dossiers' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Dossiers van het team' }).waitFor();
    await lead.getByRole('row', { name: new RegExp(dossier.reference) }).waitFor();
    await lead.close();
  });
});
