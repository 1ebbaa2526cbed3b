import type { Browser } from 'playwright-core';
import { accessibleScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { openDossierWithoutNationalNumber } from '../support/task-flow';
import { startTestSystem, TestSystem } from '../support/system';

const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };
// Dates in the past (never today): the follow-up is due at once, so its task opens while the test runs.
const REFERRED = '2026-03-01';
const FOLLOW_UP = '2026-04-01';

/** Doorverwijzingen on the dossier page: refer to a CAW with a labelled follow-up date, see "opvolging op …", its task, close it. */
describe('Doorverwijzingen (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    const created = async (url: string, body: object): Promise<{ id: string }> => {
      const { status, body: answer } = await sys.http.post(url).set(sys.as('social-worker')).send(body);
      if (status !== 201) throw new Error(`POST ${url}: ${status}`);
      return answer;
    };
    dossierId = await openDossierWithoutNationalNumber(sys, 'social-worker', { birthDate: '1990-02-02', firstName: 'Sara', lastName: 'Wouters', address });
    await created('/parties', { name: 'CAW Oost-Vlaanderen', kind: 'caw', address: { street: 'Visserij 153', postalCode: '9000', city: 'Gent' } });
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('refers the client to a CAW with a follow-up date, shows "opvolging op 1 april 2026" and the follow-up task, and closes the referral', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const referrals = page.getByRole('region', { name: 'Doorverwijzingen' });
    await referrals.getByText('Nog geen doorverwijzingen.').waitFor();
    const form = referrals.getByRole('form', { name: 'Doorverwijzen' });
    await form.getByRole('button', { name: 'Doorverwijzing opslaan' }).click(); // nothing filled in: the API's errors, in Dutch
    await form.locator('#referral-followUpOn[aria-invalid="true"]').waitFor(); // the follow-up date is marked

    await form.getByLabel('Partner').selectOption({ label: 'CAW Oost-Vlaanderen (CAW (Centrum Algemeen Welzijnswerk))' });
    await form.getByLabel('Reden van de doorverwijzing').fill('Budgetbegeleiding');
    await form.getByLabel('Doorverwezen op').fill(REFERRED);
    await form.getByLabel('Opvolgdatum').fill(FOLLOW_UP);
    await form.getByRole('button', { name: 'Doorverwijzing opslaan' }).click();
    await form.getByText('Doorverwijzing opgeslagen; opvolging op 1 april 2026.').waitFor();
    const item = referrals.getByRole('listitem').filter({ hasText: 'Budgetbegeleiding' });
    await item.getByText('CAW Oost-Vlaanderen (CAW (Centrum Algemeen Welzijnswerk)) — doorverwezen op 1 maart 2026').waitFor();
    await item.getByText('opvolging op 1 april 2026').waitFor();
    await accessibleScreenshot(page, 'dossier-doorverwijzingen');

    // The follow-up date has come: the dossier's workflow opened the task for the social worker.
    for (let tries = 0; ; tries++) {
      await page.reload();
      if ((await page.getByRole('region', { name: 'Taken' }).getByRole('link', { name: /Opvolging doorverwijzing/ }).count()) > 0 || tries > 40) break;
      await page.waitForTimeout(250);
    }
    await page.getByRole('region', { name: 'Taken' }).getByRole('link', { name: /Opvolging doorverwijzing/ }).waitFor();

    const open = page.getByRole('region', { name: 'Doorverwijzingen' }).getByRole('listitem').filter({ hasText: 'Budgetbegeleiding' });
    await open.getByLabel('Uitkomst').fill('Begeleiding gestart');
    await open.getByRole('button', { name: 'Doorverwijzing afsluiten' }).click();
    await open.getByText(/^afgesloten op .*: Begeleiding gestart$/).waitFor();
    await page.close();
  });
});
