import { dateLong } from '../../apps/web/src/format';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { accessibleScreenshot, expectAccessible, signedInPage, launchBrowser } from '../support/browser';
import { todayInBrussels, VALID_IBANS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

/** The React app's frame: login by cookie, Mijn taken, the menu per role, bookmarks and reloads, logout. */
describe('the web app (browser): login, layout, Mijn taken', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  const requestDate = addDays(todayInBrussels(), -1);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '85073003328', firstName: 'Els', lastName: 'Maes', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[1],
    });
    await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate }).expect(201);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('logs in (Dutch errors, no "Afmelden" on the login screen) and shows the inbox with the client and the due date', async () => {
    await page.goto(`${sys.baseUrl}/`);
    await page.waitForURL('**/app/aanmelden');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.getByRole('button', { name: 'Afmelden' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByText('Vul gebruikersnaam en wachtwoord in.').waitFor(); // the app's message, not the browser's
    await page.getByLabel('Gebruikersnaam').fill('social-worker');
    await page.getByLabel('Wachtwoord').fill('wrong');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByText('Gebruikersnaam of wachtwoord is niet juist.').waitFor();
    await page.getByLabel('Wachtwoord').fill('demo');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL('**/app/taken');
    await page.getByText('An Maatschappelijk Assistent · maatschappelijk assistent · team demo').waitFor();
    const row = page.getByRole('row', { name: /Territoriale bevoegdheid nagaan/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Els Maes');
    expect(await row.textContent()).toContain(dateLong(addDays(requestDate, 30))); // "31 december 2026", as every date a person reads
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toMatch(/\b\d+ tak(en|)\b|1 taak/);
    expect(main).not.toMatch(/claimed|\(geclaimd\)/);
    await accessibleScreenshot(page, 'react-1-mijn-taken');
  });

  it('keeps the session in an httpOnly cookie only: nothing in browser storage, the page cannot read it', async () => {
    const storage = await page.evaluate('({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie })');
    expect(storage).toEqual({ local: 0, session: 0, cookie: '' });
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'ocmw_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('shows the menu of the role, moves focus to the heading on navigation, and a reload or bookmark keeps the page', async () => {
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('link', { name: 'Opvang (LOI)' }).waitFor();
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Mijn taken', 'Mijn dossiers', 'Cliënten', 'Nieuwe aanvraag', 'Intake', 'BCSD', 'Opvang (LOI)']);
    await menu.getByRole('link', { name: 'Intake' }).click();
    await page.waitForURL('**/app/intake');
    await page.getByRole('heading', { level: 1, name: 'Intake' }).waitFor();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Intake' }).waitFor();
    await page.goto(`${sys.baseUrl}/app/taken`);
    await page.getByRole('row', { name: /Territoriale bevoegdheid nagaan/ }).waitFor();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    // The first stop of the keyboard on the page is the skip link, to <main>.
    expect(await page.evaluate("document.querySelector('a[href], button, input')?.textContent")).toBe('Naar de inhoud');
    await page.getByRole('link', { name: 'Naar de inhoud' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    await expectAccessible(page);
  });

  it('logs out: the cookie is gone and every page asks to sign in again', async () => {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL('**/app/aanmelden');
    expect((await page.context().cookies()).find((c) => c.name === 'ocmw_session')).toBeUndefined();
    await page.goto(`${sys.baseUrl}/app/taken`);
    await page.waitForURL('**/app/aanmelden');
  });

  it('a team lead sees the team screen in the menu, finance the payments', async () => {
    for (const [user, label] of [['team-lead', 'Team'], ['finance', 'Betalingen']] as const) {
      const p = await signedInPage(browser, sys.baseUrl, user);
      await p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: label }).waitFor();
      await p.close();
    }
  });
});
