import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { createPaymentActivities } from '../../activities/payments/payment.activities';
import { createDataSource } from '../../libs/db/data-source';
import { addDays } from '../../libs/deadlines/calendar-date';
import { DEFAULT_LEEFLOON_AMOUNTS } from '../../libs/payments/amounts';
import { outcomes, todayInBrussels, VALID_IBANS } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { expectAccessible } from '../support/browser';
import { eventually } from '../support/temporal';

const SHOTS = path.resolve(__dirname, '../../test-results/web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A social worker works a leefloon request in the browser; the council's decision shows up on the dossier.
 * SKIPPED until the BCSD, Betalingen and Team screens are ported to the React app (apps/web; another helper builds
 * them on the foundation). The parts already ported moved: login and inbox to foundation.web.ts, the task and dossier
 * pages and the admin's inbox to task.web.ts, Nieuwe aanvraag to new-request.web.ts. What stays here still expects
 * the Mijn taken → task flow of the old app to have run first (competence check completed, `page` signed in).
 */
describe.skip('the screens people work in (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  // Dates derive from the dossier's request date (yesterday when the file starts), not from a "today" that may change.
  const requestDate = addDays(todayInBrussels(), -1);
  let decisionDate: string;
  let dossierId: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    fs.mkdirSync(SHOTS, { recursive: true });
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'finance']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '85073003328', firstName: 'Els', lastName: 'Maes', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[1],
    });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate });
    dossierId = dossier.body.id;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 850 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  /** A screenshot of the screen (a test artefact), after axe-core found no serious or critical violation on it. */
  const shot = async (name: string, on: Page = page) => {
    await expectAccessible(on);
    await on.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  it('lets the council secretary record the decision on the BCSD agenda; the dossier shows the letter and the next deadline', async () => {
    const tasks = async (kind: string) =>
      eventually(async () => (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { kind: string }) => t.kind === kind));
    await sys.http.post(`/tasks/${(await tasks('social-inquiry')).id}/complete`).set(sys.as('social-worker')).send(outcomes.inquiry(requestDate));
    await sys.http.post(`/tasks/${(await tasks('social-report')).id}/complete`).set(sys.as('social-worker')).send(outcomes.report(requestDate));
    // The council treats it today, at an extraordinary session at 08:00 (never the time of a regular session).
    const session = await treatTodayAtExtraordinarySession(sys, dossierId);
    decisionDate = session.date;

    const secretary = await loginAs('council-secretary');
    await secretary.getByRole('link', { name: 'BCSD' }).click();
    await secretary.getByRole('link', { name: new RegExp(`${decisionDate} 08:00`) }).click();
    await secretary.getByText('Els Maes').waitFor();
    await secretary.getByRole('button', { name: 'Beslissing registreren' }).click();
    await secretary.getByText('Beslissing geregistreerd.').waitFor();
    await shot('4-bcsd-agenda', secretary);
    const pdf = await secretary.evaluate(async (id) => {
      const res = await fetch(`/council/meetings/${id}/agenda.pdf`, { headers: { authorization: `Bearer ${(globalThis as unknown as { sessionStorage: { getItem(k: string): string } }).sessionStorage.getItem('token')}` } });
      return res.headers.get('content-type');
    }, session.meetingId);
    expect(pdf).toContain('application/pdf');

    await tasks('decision-notification');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`); // a reload of any page works
    await page.getByText(`Kennisgeving van de beslissing: uiterlijk ${addDays(decisionDate, 8)}`, { exact: false }).waitFor();
    await page.getByRole('button', { name: /Download PDF \(decision-letter\)/ }).waitFor();
    await page.getByText('Waarom deze datum?').first().click();
    await shot('5-dossier-beslist');
  });

  it('lets finance mark a cash payment paid with its receipt, and batch the due transfers once the decision is notified', async () => {
    const notify = await eventually(async () =>
      (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { kind: string }) => t.kind === 'decision-notification'),
    );
    await sys.http.post(`/tasks/${notify.id}/complete`).set(sys.as('social-worker')).send(outcomes.notification(decisionDate));
    await eventually(async () => ((await sys.http.get(`/payments?dossierId=${dossierId}`).set(sys.as('social-worker'))).body.items?.length ? true : undefined));
    // A weekly leefgeld in cash, as a procedure orders it through the activity.
    const dataSource = await createDataSource(sys.databaseUrl, { poolSize: 1 }).initialize();
    try {
      await createPaymentActivities({ dataSource, amounts: DEFAULT_LEEFLOON_AMOUNTS }).orderPayment({
        dossierId, kind: 'leefgeld', period: '2026-W19', amountCents: 6_000, dueDate: todayInBrussels(), computation: {}, method: 'cash',
      });
    } finally {
      await dataSource.destroy();
    }
    const finance = await loginAs('finance');
    expect(await finance.getByRole('link', { name: 'Team' }).count()).toBe(0); // a role sees only its screens
    await finance.getByRole('link', { name: 'Betalingen' }).click();
    await finance.getByRole('heading', { name: /Te betalen \([1-9]/ }).waitFor();
    await finance.getByText(/Leefgeld week 19 van 2026 aan Els Maes — contant tegen ontvangstbewijs: € 60,00/).waitFor();
    await finance.getByText(/Maandelijkse betaling|Achterstallige betaling/).first().waitFor();
    await finance.getByLabel('Ontvangstbewijs').fill('KB-2026-0042');
    await shot('6-betalingen-contant', finance);
    await finance.getByRole('button', { name: 'Contant betaald' }).click();
    await finance.getByText('Contante betaling aan Els Maes betaald tegen ontvangstbewijs KB-2026-0042.').waitFor();
    expect(await finance.getByRole('button', { name: 'Contant betaald' }).count()).toBe(0);
    await finance.getByRole('button', { name: 'Batch aanmaken' }).click();
    await finance.getByRole('button', { name: 'SEPA-bestand' }).waitFor();
    await finance.getByText(/^Batch met \d+ betalingen aangemaakt\./).waitFor(); // with the TARGET2 note when the date moved
    await shot('6-betalingen', finance);
  });

  it('shows the team lead the deadlines at risk with their escalation, to acknowledge', async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '05031412496', firstName: 'Lotte', lastName: 'Janssens', address: { street: 'Kerkstraat 2', postalCode: '2000', city: 'Antwerpen' },
    });
    await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate: addDays(todayInBrussels(), -25) });
    await sys.login('team-lead');
    await eventually(async () => ((await sys.http.get('/escalations').set(sys.as('team-lead'))).body.items?.length ? true : undefined));
    const lead = await loginAs('team-lead');
    await lead.getByRole('link', { name: 'Team' }).click();
    await lead.getByRole('heading', { name: 'In gevaar (1)' }).waitFor();
    await lead.getByRole('heading', { name: 'Escalaties (1)' }).waitFor();
    await shot('7-team', lead);
    await lead.getByRole('button', { name: 'Gezien' }).click();
    await lead.getByRole('heading', { name: 'Escalaties (0)' }).waitFor();
  });

  async function loginAs(username: string): Promise<Page> {
    const other = await browser.newPage({ viewport: { width: 1366, height: 850 } });
    await other.goto(`${sys.baseUrl}/app/aanmelden`);
    await other.getByLabel('Gebruikersnaam').fill(username);
    await other.getByLabel('Wachtwoord').fill('demo');
    await other.getByRole('button', { name: 'Aanmelden' }).click();
    await other.waitForURL('**/app/taken');
    return other;
  }
});

async function expectText(locator: { textContent(): Promise<string | null> }, text: string) {
  expect(await locator.textContent()).toContain(text);
}
