import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { expectAccessible, launchBrowser } from '../support/browser';
import { startTestSystem, TestSystem } from '../support/system';

const SHOTS = path.resolve(__dirname, '../../test-results/web');
const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };

/** The dossier screen shows the household and the linked dossiers, each a link to open it. */
describe('linked dossiers and the household on the dossier screen (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('lists the applicant and the members with their roles and dates, and the related dossier, which links back', async () => {
    const post = async (url: string, body: object) => {
      const res = await sys.http.post(url).set(sys.as('social-worker')).send(body);
      expect(res.status).toBe(201);
      return res.body;
    };
    const els = await post('/persons', { nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Els', lastName: 'Maes', address });
    const tom = await post('/persons', { nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Tom', lastName: 'Maes', address });
    const mine = await post('/dossiers', { procedure: 'leefloon', personId: els.id });
    const his = await post('/dossiers', { procedure: 'leefloon', personId: tom.id });
    await post(`/dossiers/${mine.id}/persons`, { personId: tom.id, role: 'partner', fromDate: '2026-03-01' });
    await post(`/dossiers/${mine.id}/links`, { dossierId: his.id, reason: 'Dossier van de partner' });

    await page.goto(`${sys.baseUrl}/app/aanmelden`);
    await page.getByLabel('Gebruikersnaam').fill('social-worker');
    await page.getByLabel('Wachtwoord').fill('demo');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL('**/app/taken');
    await page.goto(`${sys.baseUrl}/app/dossiers/${mine.id}`);
    const household = page.getByRole('region', { name: 'Gezin' });
    await household.getByText('Aanvrager: Els Maes').waitFor();
    await household.getByText('Partner: Tom Maes (vanaf 1 maart 2026)').waitFor();
    const links = page.getByRole('region', { name: 'Gekoppelde dossiers' });
    await links.getByText(/Verwant dossier: .* · Leefloon \(RMI-wet\) · (Aanvraag geregistreerd|Bevoegdheid nagaan) — Dossier van de partner/).waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: path.join(SHOTS, 'dossier-gezin-en-koppelingen.png'), fullPage: true });

    await links.getByRole('link', { name: his.reference }).click();
    await page.waitForURL(`**/app/dossiers/${his.id}`);
    await page.getByRole('heading', { name: `Dossier ${his.reference}` }).waitFor();
    await page.getByRole('region', { name: 'Gekoppelde dossiers' }).getByRole('link', { name: mine.reference }).waitFor();
  });
});
