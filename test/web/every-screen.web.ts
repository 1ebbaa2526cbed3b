import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { CHANNELS, PROCEDURES } from '../../libs/procedures';
import { ROLES, type Role } from '../../libs/auth/roles';
import { outcomes, todayInBrussels, VALID_IBANS } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { eventually } from '../support/temporal';

/**
 * Every screen of the web app, for every role, scanned for what a person must never read: untranslated codes of the
 * procedure definitions (statuses, task kinds, outcome values, event kinds), English words of a list, ISO dates and
 * amounts in cents, "undefined"/"NaN". The screens are found by walking the app as the role would — the menu, then every
 * link to a screen of the app on each screen reached — so a screen added later is scanned without changing this test.
 * Each distinct screen (its path with ids replaced) is scanned once per role, checked by axe-core, and photographed
 * into test-results/web/scherm-<rol>-<pad>.png.
 */

/**
 * English words seen on earlier screens or likely in a developer's UI; matched as whole words, case-insensitive. Words
 * that are Dutch as well ("status", "of", "batch", "e-mail") are not on it.
 */
const ENGLISH_WORDS = [
  'running', 'completed', 'pending', 'failed', 'claimed', 'unclaimed', 'grant', 'granted', 'refuse', 'refused', 'arrears',
  'download', 'receipt', 'submit', 'cancel', 'save', 'delete', 'edit', 'loading', 'error', 'task', 'tasks',
  'due', 'overdue', 'open tasks', 'none', 'unknown', 'true', 'false', 'yes', 'the', 'and', 'for', 'with',
  'search', 'next', 'previous', 'back', 'logout', 'login', 'sign in', 'sign out', 'settings', 'close', 'closed', 'new',
  'paid', 'batch created', 'cash', 'transfer', 'council', 'meeting', 'agenda item', 'decision', 'deadline', 'deadlines',
  'counter', 'third party', 'household', 'single', 'partner of', 'child', 'finance',
];

/** Codes of the procedure definitions and the roles that must show as their Dutch label: every code containing '-' or '_'. */
function definitionCodes(): string[] {
  const codes = new Set<string>([...CHANNELS, ...ROLES]);
  const walk = (schema: unknown) => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as Record<string, unknown>;
    if (Array.isArray(s.enum)) for (const v of s.enum) if (typeof v === 'string') codes.add(v);
    if (typeof s.const === 'string') codes.add(s.const);
    for (const value of Object.values(s)) if (value && typeof value === 'object') walk(value);
  };
  for (const def of Object.values(PROCEDURES)) {
    for (const s of def.statuses) codes.add(s.code);
    for (const [kind, k] of Object.entries(def.taskKinds)) {
      codes.add(kind);
      walk((k as { outcomeSchema?: unknown }).outcomeSchema);
    }
    walk(def);
  }
  return [...codes].filter((c) => /[-_]/.test(c) && c.length > 3 && !DUTCH_TOO.has(c));
}

/** Codes that are written the same in Dutch. */
const DUTCH_TOO = new Set(['e-mail']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Everything on the screen a person reads: the visible text, option texts and the accessible names in attributes —
 * except examples of what to type (`data-input-example`: "04/04/1994" is how a birth date may be typed in a search).
 */
async function readableText(page: Page): Promise<string> {
  // A script as text: this file is compiled without the DOM's types.
  return page.evaluate(`(() => {
    let body = document.body.innerText;
    for (const e of document.querySelectorAll('[data-input-example]')) body = body.split(e.innerText).join(' ');
    const parts = [document.title, body];
    for (const o of document.querySelectorAll('option')) parts.push(o.textContent || '');
    for (const e of document.querySelectorAll('[aria-label],[placeholder],[title]'))
      for (const a of ['aria-label', 'placeholder', 'title']) if (e.getAttribute(a)) parts.push(e.getAttribute(a));
    return parts.join('\\n');
  })()`);
}

/** What the scan finds in a text, each with the words around it so the screen's author sees where. */
export function untranslated(text: string, codes: readonly string[]): string[] {
  const found: string[] = [];
  const around = (m: RegExpExecArray) => text.slice(Math.max(0, m.index - 25), m.index + m[0].length + 25).replace(/\s+/g, ' ');
  const scan = (re: RegExp, what: string) => {
    const m = re.exec(text);
    if (m) found.push(`${what} "${m[0]}" in «${around(m)}»`);
  };
  for (const code of codes) scan(new RegExp(`(?<![\\w-])${escape(code)}(?![\\w-])`), 'code');
  for (const word of ENGLISH_WORDS) scan(new RegExp(`(?<![\\p{L}-])${escape(word)}(?![\\p{L}-])`, 'iu'), 'Engels');
  const patterns: [RegExp, string][] = [
    [/\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b/, 'hoofdlettercode'],
    [/(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/, 'ISO-datum'],
    [/\bcent\b|\(cent\)/i, 'bedrag in cent'],
    [/\bundefined\b|\bNaN\b|\bnull\b|\[object Object\]|Invalid Date/, 'programmawaarde'],
    [/\d{1,2}\/\d{1,2}\/\d{4}/, 'datum met schuine strepen'],
    [/\b\d+ (?:taken|dossiers|punten|betalingen) \(1\)|\b1 (?:taken|dossiers|betalingen|overschrijvingen)\b/, 'meervoud bij 1'],
  ];
  for (const [re, what] of patterns) scan(re, what);
  return found;
}

/** A screen's path with its ids replaced, so /app/dossiers/<uuid> is scanned once. */
export const screenPattern = (path: string) =>
  path.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '/:id').replace(/\/\d+(?=\/|$)/g, '/:n');

describe('every screen, for every role (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  const requestDate = addDays(todayInBrussels(), -1);
  const codes = definitionCodes();

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'team-lead', 'finance']);
    const task = async (kind: string, of: string) =>
      eventually(async () =>
        (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { kind: string; dossierId: string }) => t.kind === kind && t.dossierId === of),
      );
    const open = async (nationalNumber: string, lastName: string, iban: string) => {
      const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
        nationalNumber, firstName: 'Mira', lastName, address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban,
      });
      expect([person.status, person.body.errors]).toEqual([201, undefined]);
      const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate });
      expect(dossier.status).toBe(201);
      return dossier.body.id as string;
    };
    // One dossier decided and paid (Betalingen, the decided agenda), one waiting on its first task (Mijn taken, Taak).
    const decided = await open('85073003328', 'Claes', VALID_IBANS[1]);
    await open('93051822460', 'Wouters', VALID_IBANS[0]);
    for (const kind of ['competence-check', 'social-inquiry', 'social-report'] as const) {
      const t = await task(kind, decided);
      const outcome = kind === 'competence-check' ? outcomes.competent : kind === 'social-inquiry' ? outcomes.inquiry(requestDate) : outcomes.report(requestDate);
      expect((await sys.http.post(`/tasks/${t.id}/complete`).set(sys.as('social-worker')).send(outcome)).status).toBeLessThan(300);
    }
    const session = await treatTodayAtExtraordinarySession(sys, decided);
    const decision = await sys.http.post(`/council/meetings/${session.meetingId}/items/${session.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', motivation: 'Voldoet aan de voorwaarden.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate });
    expect(decision.status).toBe(200);
    const notify = await task('decision-notification', decided);
    await sys.http.post(`/tasks/${notify.id}/complete`).set(sys.as('social-worker')).send(outcomes.notification(session.date));
    await eventually(async () => ((await sys.http.get(`/payments?dossierId=${decided}`).set(sys.as('social-worker'))).body.items?.length ? true : undefined));
    await sys.http.post(`/dossiers/${decided}/notes`).set(sys.as('social-worker')).send({ kind: 'conversation', contactDate: requestDate, text: 'Eerste gesprek op het onthaal.' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('finds the codes of the procedure definitions and the patterns it scans for (the scan itself)', () => {
    expect(codes).toEqual(expect.arrayContaining(['competence-check', 'social-inquiry']));
    expect(untranslated('Status: REQUEST_REGISTERED (running)', codes)).toEqual([
      'code "REQUEST_REGISTERED" in «Status: REQUEST_REGISTERED (running)»',
      'Engels "running" in «tus: REQUEST_REGISTERED (running)»', // 25 characters around what it found
      'hoofdlettercode "REQUEST_REGISTERED" in «Status: REQUEST_REGISTERED (running)»',
    ]);
    expect(untranslated('Taak social-inquiry, 1 taken, 2026-12-31, 1/12/2026', codes)).toHaveLength(4);
    expect(untranslated('Maandbedrag (cent)', codes)).toEqual(['bedrag in cent "(cent)" in «Maandbedrag (cent)»']);
    expect(untranslated('Sociaal onderzoek — te behandelen tegen 1 april 2026, € 1.314,20, 2 taken; e-mail', codes)).toEqual([]);
    expect(screenPattern('/app/dossiers/0b0c7f0e-6a1e-4f0e-9a57-1f6b1a3c2d4e')).toBe('/app/dossiers/:id');
  });

  it('shows only Dutch on the sign-in screen, also after a failed attempt', async () => {
    const page = await browser.newPage();
    await page.goto(`${sys.baseUrl}/app/aanmelden`);
    await page.getByLabel('Gebruikersnaam').fill('niemand');
    await page.getByLabel('Wachtwoord').fill('fout');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('alert').waitFor();
    expect(untranslated(await readableText(page), codes)).toEqual([]);
    await accessibleScreenshot(page, 'scherm-aanmelden');
    await page.close();
  });

  const ROLES: Role[] = ['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin'];

  it.each(ROLES)('shows the %s only Dutch on every screen it reaches', async (role) => {
    if (role === 'admin') await sys.login('admin');
    const page = await signedInPage(browser, sys.baseUrl, role);
    const seen = new Map<string, string>(); // pattern → first path
    const queue = ['/app/taken', '/app/bestaat-niet'];
    const problems: string[] = [];
    while (queue.length && seen.size < 40) {
      const path = queue.shift()!;
      const pattern = screenPattern(path);
      if (seen.has(pattern)) continue;
      seen.set(pattern, path);
      await page.goto(`${sys.baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      await page.locator('main h1').first().waitFor();
      for (const p of untranslated(await readableText(page), codes)) problems.push(`${path}: ${p}`);
      await accessibleScreenshot(page, `scherm-${role}${pattern.replace(/^\/app/, '').replace(/[/:]+/g, '-') || '-start'}`);
      const links: string[] = await page.evaluate(`Array.from(document.querySelectorAll('a[href]')).map((a) => a.pathname)`);
      for (const link of links) if (link.startsWith('/app/') && link !== '/app/aanmelden' && !seen.has(screenPattern(link))) queue.push(link);
    }
    expect(problems).toEqual([]);
    // The walk reached more than the start screen (the menu works for the role).
    expect(seen.size).toBeGreaterThan(role === 'finance' ? 1 : 2);
    await page.close();
  });
});
