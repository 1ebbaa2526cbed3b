import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { accessibleScreenshot, launchBrowser } from '../support/browser';
import { todayInBrussels, VALID_IBANS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/**
 * The social worker's work by keyboard only: signing in, reaching a task from Mijn taken, filling its form (choices
 * typed into the selects) and completing it, with no mouse click anywhere. Each step goes by Tab to the element a
 * person would reach, so a control that cannot be reached or used by keyboard fails the test.
 */
describe('the app by keyboard only (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '85073003328', firstName: 'Noor', lastName: 'Jacobs', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[1],
    });
    dossierId = (await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate: addDays(todayInBrussels(), -1) })).body.id;
    await eventually(async () => ((await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.some((t: { dossierId: string }) => t.dossierId === dossierId) ? true : undefined));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  /** The focused element's accessible name as a person hears it: its label, or its text. */
  const focused = (page: Page): Promise<string> =>
    page.evaluate(`(() => {
      const e = document.activeElement;
      if (!e) return '';
      const label = e.id ? document.querySelector('label[for="' + e.id + '"]') : null;
      return ((label && label.textContent) || e.getAttribute('aria-label') || e.textContent || '').trim();
    })()`);

  /**
   * Waits until the screen titled `title` has taken focus on its heading (Page moves focus there in an effect after
   * it renders). Tabbing before that races the effect: focus can jump back to the heading after a field was reached,
   * and the letters typed next go nowhere (this made the sign-in fail once in CI).
   */
  async function arrived(page: Page, title: string) {
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.waitForFunction(`(() => { const e = document.activeElement; return !!e && e.tagName === 'H1' && (e.textContent || '').trim() === ${JSON.stringify(title)}; })()`);
  }

  /** Tab forward until the focused element is named `name` (at most 60 stops, else the control is unreachable). */
  async function tabTo(page: Page, name: string | RegExp) {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (typeof name === 'string' ? now === name : name.test(now)) return;
    }
    throw new Error(`"${name}" is not reachable by Tab`);
  }

  it('signs in, opens the task from Mijn taken and completes it without a mouse', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
    await page.goto(`${sys.baseUrl}/app/aanmelden`);
    await arrived(page, 'Aanmelden');
    await tabTo(page, 'Gebruikersnaam');
    await page.keyboard.type('social-worker');
    await tabTo(page, 'Wachtwoord');
    await page.keyboard.type('demo');
    expect(await page.getByLabel('Gebruikersnaam').inputValue()).toBe('social-worker');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/taken');
    await arrived(page, 'Mijn taken');

    await tabTo(page, 'Territoriale bevoegdheid nagaan');
    await page.keyboard.press('Enter');
    await arrived(page, 'Territoriale bevoegdheid nagaan');
    // The facts first (a new dossier requires them): the situation, then the usual residence from the OCMW directory.
    await tabTo(page, 'Situatie op de datum van de aanvraag *');
    await page.keyboard.type('Woont');
    expect(await page.getByLabel('Situatie op de datum van de aanvraag *').locator('option:checked').textContent()).toBe('Woont gewoonlijk in een gemeente (algemene regel)');
    await page.getByLabel('Gewoonlijke verblijfplaats op de datum van de aanvraag').locator('option', { hasText: 'OCMW Gent' }).waitFor({ state: 'attached' });
    await tabTo(page, 'Gewoonlijke verblijfplaats op de datum van de aanvraag *');
    await page.keyboard.type('OCMW Gent');
    expect(await page.getByLabel('Gewoonlijke verblijfplaats op de datum van de aanvraag').locator('option:checked').textContent()).toBe('OCMW Gent (NIS 44021) — dit OCMW');
    await tabTo(page, 'Is dit OCMW bevoegd? *');
    await page.keyboard.type('Ja'); // a closed select takes the option its typed letters start
    expect(await page.getByLabel('Is dit OCMW bevoegd? *').locator('option:checked').textContent()).toBe('Ja, bevoegd');
    await tabTo(page, 'Toegepaste regel (Wet 1965) *');
    await page.keyboard.type('Gewoonlijke');
    expect(await page.getByLabel('Toegepaste regel (Wet 1965) *').locator('option:checked').textContent()).toBe('Gewoonlijke verblijfplaats');
    await accessibleScreenshot(page, 'toetsenbord-taak');
    await tabTo(page, 'Afronden');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    await page.getByText('Sociaal onderzoek (in behandeling)').waitFor();
    const done = (await sys.http.get(`/tasks?status=completed`).set(sys.as('social-worker'))).body.items as { dossierId: string; kind: string }[];
    expect(done.filter((t) => t.dossierId === dossierId).map((t) => t.kind)).toEqual(['competence-check']);
    await page.close();
  });
});
