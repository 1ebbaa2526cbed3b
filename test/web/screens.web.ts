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

/** A social worker works a leefloon request in the browser; the council's decision shows up on the dossier. */
describe('the screens people work in (browser)', () => {
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

  it('logs in and shows the inbox, sorted by due date, with the client and the days left', async () => {
    await page.goto(`${sys.baseUrl}/`);
    await page.waitForURL('**/app/aanmelden');
    await page.getByLabel('Gebruikersnaam').fill('social-worker');
    await page.getByLabel('Wachtwoord').fill('wrong');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByText('Gebruikersnaam of wachtwoord is niet juist.').waitFor();
    await page.getByLabel('Wachtwoord').fill('demo');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL('**/app/taken');
    await page.getByText('social-worker · social-worker · team demo').waitFor();
    const row = page.getByRole('row', { name: /Territoriale bevoegdheid nagaan/ });
    await row.waitFor();
    await expectText(row, 'Els Maes');
    await expectText(row, addDays(requestDate, 30));
    await shot('1-mijn-taken');
    await page.goto(`${sys.baseUrl}/app/taken`);

    await expectAccessible(page);
  });

  it('completes the task through the form generated from its schema, showing the server\'s errors and keeping the input', async () => {
    await page.getByRole('link', { name: 'Territoriale bevoegdheid nagaan' }).click();
    await page.getByLabel('Is dit OCMW bevoegd? *').selectOption({ label: 'Nee, niet bevoegd' });
    await page.getByLabel('Toegepaste regel (Wet 1965) *').selectOption({ label: 'Gewoonlijke verblijfplaats' });
    await page.getByRole('button', { name: 'Afronden' }).click();
    await page.locator('#f-competentOcmw-error').getByText('Dit veld is verplicht.').waitFor();
    expect(await page.getByLabel('Toegepaste regel (Wet 1965) *').inputValue()).not.toBe(''); // nothing lost
    await shot('2-taak-geweigerd');
    await page.getByLabel('Is dit OCMW bevoegd? *').selectOption({ label: 'Ja, bevoegd' });
    await page.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    await page.getByRole('heading', { name: /Dossier LL-/ }).waitFor();
    await page.getByText('Sociaal onderzoek (geclaimd)').waitFor();
    // The dossier's status in Dutch, from the procedure definition (GET /procedures), never its stored code.
    const status = page.locator('[data-status]');
    expect(await status.getAttribute('data-status')).toBe('INQUIRY');
    expect(await status.textContent()).toBe('Sociaal onderzoek');
    expect(await page.locator('main').textContent()).not.toMatch(/INQUIRY|claimed|running|leefloon ·/);
    await page.getByText('Els Maes · Leefloon (RMI-wet) · status Sociaal onderzoek').waitFor();
    await shot('3-dossier');
  });

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

  it("shows the admin's Mijn taken without the finished tasks (no completed task as 'geclaimd' with days left)", async () => {
    await sys.loginAll(['social-worker', 'admin']);
    const completed = async () => (await sys.http.get('/tasks?status=completed').set(sys.as('admin'))).body.items as { id: string }[];
    if ((await completed()).length === 0) {
      // Run on its own: finish Els's competence check first.
      const check = await eventually(async () =>
        (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { kind: string }) => t.kind === 'competence-check'),
      );
      await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker')).send(outcomes.competent);
    }
    const done = await completed();
    expect(done.length).toBeGreaterThan(0);
    const admin = await loginAs('admin');
    await admin.getByRole('heading', { name: 'Mijn taken' }).waitFor();
    await admin.locator('table, main p').first().waitFor();
    for (const task of done) expect(await admin.locator(`a[href="/app/taken/${task.id}"]`).count()).toBe(0);
    const statuses = await admin.locator('tbody tr td:last-child').allTextContents();
    expect(statuses.filter((s) => s !== 'open' && s !== 'geclaimd')).toEqual([]);
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

  it('opens a new request, checking the national number as it is typed', async () => {
    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    await page.getByLabel('Rijksregisternummer of BIS-nummer', { exact: true }).fill('93051822362');
    await page.getByText('Dit rijksregisternummer klopt niet (controlegetal).').waitFor();
    await page.getByLabel('Rijksregisternummer of BIS-nummer', { exact: true }).fill('93.05.18-223.61');
    expect(await page.locator('#nn-hint').textContent()).toBe('');
    for (const [label, value] of [['Voornaam', 'Jan'], ['Naam', 'Peeters'], ['Straat en nummer', 'Markt 1'], ['Postcode', '9000'], ['Gemeente', 'Gent']]) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await shot('8-nieuwe-aanvraag');
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
    for (const [label, value] of [['Voornaam', 'Amina'], ['Naam', 'Haddad'], ['Straat en nummer', 'Kouter 5'], ['Postcode', '9000'], ['Gemeente', 'Gent']]) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Aanvraag leefloon openen' }).click();
    await page.getByText('Er is al een persoon geregistreerd met deze naam en geboortedatum.', { exact: false }).waitFor();
    await shot('9-mogelijk-dubbel');
    await page.getByRole('button', { name: 'Toch registreren' }).click();
    await page.waitForURL('**/app/dossiers/*');
    await page.getByText(/^Amina Haddad · Leefloon \(RMI-wet\) · status/).waitFor();
    const confirmed = await sys.db.query(`SELECT count(*) FROM audit_events WHERE action = 'person.duplicate-confirmed'`);
    expect(Number(confirmed.rows[0].count)).toBe(1);
  });

  it('opens a social aid request, the procedure chosen by its Dutch title, and renders its own inquiry from its outcome schema', async () => {
    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).click();
    await page.getByLabel('Procedure', { exact: true }).selectOption({ label: 'Maatschappelijke dienstverlening (OCMW-wet)' });
    await page.getByLabel('Reden zonder rijksregisternummer *').selectOption({ label: 'Verzoeker om internationale bescherming (nog geen BIS-nummer)' });
    await page.getByLabel('Geboortedatum *').fill('1990-09-09');
    for (const [label, value] of [['Voornaam', 'Samir'], ['Naam', 'Aziz'], ['Straat en nummer', 'Dok 4'], ['Postcode', '9000'], ['Gemeente', 'Gent']]) {
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
    await shot('10-maatschappelijke-dienstverlening');
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
