import type { Browser } from 'playwright-core';
import { formatNationalNumber } from '../../libs/domain/identifiers';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };
const CONTACT = '2026-01-15'; // a contact date in the past (never today)

/** Cliënten (search by name with accents and typos, by national number) and the Notities on the dossier page. */
describe('Cliënten and Notities (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    const post = async (url: string, body: object) => {
      const res = await sys.http.post(url).set(sys.as('social-worker')).send(body);
      expect(res.status).toBe(201);
      return res.body;
    };
    const celine = await post('/persons', { noNationalNumberReason: 'unknown', birthDate: '1994-04-04', firstName: 'Céline', lastName: 'Vandenbroek', address });
    await post('/persons', { nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Marc', lastName: 'Peeters', address });
    dossierId = (await post('/dossiers', { procedure: 'leefloon', personId: celine.id })).id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('finds Céline by "celine vandenbroek", a person by national number, and says when nobody is found', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.getByRole('navigation').getByRole('link', { name: 'Cliënten' }).click();
    await page.waitForURL('**/app/clienten');
    const field = page.getByLabel('Zoek op naam, rijksregisternummer of geboortedatum');
    await field.fill('celine vandenbroek');
    await field.press('Enter');
    const row = page.getByRole('row', { name: /Céline Vandenbroek/ });
    await row.getByRole('cell', { name: '4 april 1994' }).waitFor();
    await row.getByRole('cell', { name: 'Kouter 3, 9000 Gent' }).waitFor();
    await accessibleScreenshot(page, 'clienten-zoeken');

    await field.fill(VALID_NATIONAL_NUMBERS[0]);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('row', { name: /Marc Peeters/ }).getByRole('cell', { name: formatNationalNumber(VALID_NATIONAL_NUMBERS[0]) }).waitFor();

    await field.fill('Xyzzyqwv');
    await field.press('Enter');
    await page.getByRole('status').getByText('Geen personen gevonden').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await page.close();
  });

  it('adds a note and a confidential one; the colleague sees only the first', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const notes = page.getByRole('region', { name: 'Notities' });
    await notes.getByText('Nog geen notities.').waitFor();
    const form = notes.getByRole('form', { name: 'Notitie toevoegen' });

    await form.getByRole('button', { name: 'Notitie opslaan' }).click(); // nothing filled in: the API's errors, in Dutch
    await form.getByText('Kies een van de mogelijkheden.').first().waitFor();

    await form.getByLabel('Datum contact').fill(CONTACT);
    await form.getByLabel('Soort').selectOption({ label: 'huisbezoek' });
    await form.getByLabel('Tekst').fill('Woning bezocht.\nKoelkast leeg.');
    await form.getByRole('button', { name: 'Notitie opslaan' }).click();
    await form.getByText('Notitie opgeslagen.').waitFor();
    const first = notes.getByRole('listitem').filter({ hasText: 'Woning bezocht.' });
    await first.getByText('15 januari 2026 — huisbezoek').waitFor();
    expect(await first.locator('.multiline').innerText()).toBe('Woning bezocht.\nKoelkast leeg.');

    await form.getByLabel('Datum contact').fill(CONTACT);
    await form.getByLabel('Soort').selectOption({ label: 'gesprek' });
    await form.getByLabel('Tekst').fill('Gezondheid besproken.');
    await form.getByLabel(/Vertrouwelijk/).check();
    await form.getByRole('button', { name: 'Notitie opslaan' }).click();
    await notes.getByRole('listitem').filter({ hasText: 'Gezondheid besproken.' }).getByText('(vertrouwelijk)').waitFor();
    await accessibleScreenshot(page, 'dossier-notities');
    await page.close();

    const colleague = await signedInPage(browser, sys.baseUrl, 'social-worker-2');
    await colleague.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const theirs = colleague.getByRole('region', { name: 'Notities' });
    await theirs.getByText('Woning bezocht.', { exact: false }).waitFor();
    expect(await theirs.getByText('Gezondheid besproken.').count()).toBe(0);
    expect(await theirs.getByRole('list').getByText('vertrouwelijk', { exact: false }).count()).toBe(0);
    await colleague.close();
  });
});
