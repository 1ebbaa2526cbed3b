import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from './system';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What the page's content security policy refused since the document loaded ("directive blocked-url", "inline" for
 * an inline script or style), from the browser's own reports: a ReportingObserver with buffered reports.
 */
export function cspViolations(page: Page): Promise<string[]> {
  // A string: the test code is compiled without the DOM's types.
  return page.evaluate(`new Promise((resolve) => {
    const seen = [];
    const keep = (reports) => { for (const r of reports) seen.push(r.body.effectiveDirective + ' ' + (r.body.blockedURL || 'inline')); };
    const observer = new ReportingObserver(keep, { types: ['csp-violation'], buffered: true });
    observer.observe();
    setTimeout(() => { keep(observer.takeRecords()); observer.disconnect(); resolve(seen); }, 50);
  })`);
}

/** axe-core in the page: no serious or critical accessibility violation; and nothing refused by the content security policy. */
export async function expectAccessible(page: Page) {
  expect(await cspViolations(page)).toEqual([]);
  // Evaluated, not added as a <script>: the content security policy refuses inline scripts.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
  expect(violations).toEqual([]);
}

/** Debian's Chromium (playwright-core downloads no browser here); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The headless Chromium every browser test drives; a clear message when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Where the browser tests leave their screenshots (test artefacts). */
export const SCREENSHOTS = path.resolve(__dirname, '../../test-results/web');

/** A screenshot of the screen (a test artefact), after axe-core found no serious or critical violation on it. */
export async function accessibleScreenshot(page: Page, name: string) {
  await expectAccessible(page);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A new page signed in as `username` (the demo password), on Mijn taken. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  // In Dutch (Belgium), as the OCMW's browsers are: a date field shows dd/mm/jjjj, not the American mm/dd/yyyy.
  const page = await browser.newPage({ viewport: { width: 1366, height: 850 }, locale: 'nl-BE' });
  await page.goto(`${baseUrl}/app/aanmelden`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill('demo');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL('**/app/taken');
  return page;
}

/**
 * The competence check's facts as a social worker gives them for a person living in Gent, this OCMW (what new
 * dossiers require): the situation, then the usual residence picked from the OCMW directory once it has loaded.
 */
export async function fillCompetenceFactsLivingHere(scope: Page | Locator) {
  await scope.getByLabel('Situatie op de datum van de aanvraag *').selectOption({ label: 'Woont gewoonlijk in een gemeente (algemene regel)' });
  const residence = scope.getByLabel('Gewoonlijke verblijfplaats op de datum van de aanvraag');
  await residence.locator('option', { hasText: 'OCMW Gent' }).waitFor({ state: 'attached' });
  await residence.selectOption({ label: 'OCMW Gent (NIS 44021) — dit OCMW' });
}

/**
 * A browser test's system and signed-in page: started before the file's tests (the roles logged in, the page signed in
 * as `as`), closed after them. The fields are set once `beforeAll` ran: read them inside a test.
 */
export function browserSession(roles: string[], as = 'social-worker'): { sys: TestSystem; browser: Browser; page: Page } {
  const session = {} as { sys: TestSystem; browser: Browser; page: Page };
  beforeAll(async () => {
    session.sys = await startTestSystem();
    await session.sys.loginAll(roles);
    session.browser = await launchBrowser();
    session.page = await signedInPage(session.browser, session.sys.baseUrl, as);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.sys?.close();
  });
  return session;
}

/**
 * "Nieuwe aanvraag" in the browser for a person registered without a national number (BIS number asked): the
 * procedure chosen by its Dutch title, the person's data, the button that opens it; waits for the dossier's page and
 * returns its id.
 */
export async function openRequestInBrowser(page: Page, request: {
  procedure: string; button: string; birthDate: string; firstName: string; lastName: string; street: string;
}): Promise<string> {
  await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
  const procedure = page.getByLabel('Procedure', { exact: true });
  await procedure.locator('option', { hasText: request.procedure }).waitFor({ state: 'attached' });
  await procedure.selectOption({ label: request.procedure });
  await page.getByLabel('Reden zonder rijksregisternummer *').selectOption({ label: 'BIS-nummer aangevraagd' });
  await page.getByLabel('Geboortedatum *').fill(request.birthDate);
  for (const [label, value] of [['Voornaam *', request.firstName], ['Naam *', request.lastName], ['Straat en nummer *', request.street], ['Postcode *', '9000'], ['Gemeente *', 'Gent']]) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole('button', { name: request.button }).click();
  await page.waitForURL('**/app/dossiers/*');
  const heading = `${request.firstName} ${request.lastName} · ${request.procedure} · status`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByText(new RegExp(`^${heading}`)).waitFor();
  return page.url().split('/').at(-1)!;
}

/** The dossier's timeline shows `text` (the workflow records it moments later): the page reloaded until it does. */
export async function timelineShows(page: Page, text: string): Promise<void> {
  const timeline = () => page.getByRole('region', { name: 'Tijdlijn' }).getByText(text, { exact: false });
  for (let i = 0; i < 40 && !(await timeline().count()); i++) {
    await page.waitForTimeout(250);
    await page.reload();
  }
  await timeline().first().waitFor();
}
