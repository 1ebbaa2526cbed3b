import type { Browser, Page } from 'playwright-core';
import { createPaymentActivities } from '../../activities/payments/payment.activities';
import { createDataSource } from '../../libs/db/data-source';
import { addDays } from '../../libs/deadlines/calendar-date';
import { DEFAULT_LEEFLOON_AMOUNTS } from '../../libs/payments/amounts';
import { dateLong } from '../../apps/web/src/format';
import { outcomes, todayInBrussels, VALID_IBANS } from '../support/factories';
import { agendaItemOf, treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { eventually } from '../support/temporal';

/**
 * The screens of the council secretary (BCSD), finance (Betalingen) and the team lead (Team) in the React app, on a
 * leefloon request worked through the API. Dates derive from the dossier's request date (yesterday), never a "today"
 * that could collide with the council's weekday: the item is treated at an extraordinary session today at 08:00.
 */
describe('the BCSD, Betalingen and Team screens (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  const requestDate = addDays(todayInBrussels(), -1);
  let decisionDate: string;
  let dossierId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'finance']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '85073003328', firstName: 'Els', lastName: 'Maes', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[1],
    });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate });
    dossierId = dossier.body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  const task = async (kind: string, of = dossierId) =>
    eventually(async () =>
      (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { kind: string; dossierId: string }) => t.kind === kind && t.dossierId === of),
    );
  /** The social worker's tasks up to the social report: the dossier's item is then on the BCSD agenda. */
  const toTheCouncil = async (of: string) => {
    for (const kind of ['competence-check', 'social-inquiry', 'social-report'] as const) {
      const open = await task(kind, of);
      const outcome = kind === 'competence-check' ? outcomes.competent : kind === 'social-inquiry' ? outcomes.inquiry(requestDate) : outcomes.report(requestDate);
      const res = await sys.http.post(`/tasks/${open.id}/complete`).set(sys.as('social-worker')).send(outcome);
      expect(res.status).toBeLessThan(300);
    }
  };

  it('shows the council secretary the proposal in full and records the decision; the agenda PDF downloads', async () => {
    await toTheCouncil(dossierId);
    const session = await treatTodayAtExtraordinarySession(sys, dossierId);
    decisionDate = session.date;

    const secretary = await signedInPage(browser, sys.baseUrl, 'council-secretary');
    await secretary.getByRole('link', { name: 'BCSD' }).click();
    const row = secretary.getByRole('row', { name: new RegExp(`${dateLong(decisionDate)} om 08:00`) });
    await row.getByText('buitengewone zitting').waitFor();
    await row.getByRole('cell', { name: 'gepland' }).waitFor();
    await row.getByRole('link').click();
    await secretary.getByRole('heading', { level: 1, name: `BCSD ${dateLong(decisionDate)} om 08:00` }).waitFor();
    const item = secretary.getByRole('article', { name: /Els Maes/ });
    await item.getByText('Toekennen').waitFor();
    await item.getByText('€ 1.300,00').waitFor();
    await item.getByText(dateLong(requestDate)).first().waitFor();
    await item.getByText('Geen bestaansmiddelen, voldoet aan de voorwaarden.').first().waitFor();
    await item.getByText('Leefloon', { exact: false }).first().waitFor();
    // The decision form starts from the proposal, each field labelled; the motivation is a multi-line text.
    expect(await item.getByLabel('Beslissing *').locator('option:checked').textContent()).toBe('Toegekend');
    expect(await item.getByLabel(/^Motivering/).evaluate((e) => e.tagName)).toBe('TEXTAREA');
    await accessibleScreenshot(secretary, 'react-4-bcsd-agenda');
    await item.getByRole('button', { name: 'Beslissing registreren' }).click();
    await secretary.getByText('Beslissing geregistreerd.').waitFor();
    await item.getByText('Beslist: Toegekend').waitFor();
    const pdf = await secretary.request.get(`${sys.baseUrl}/council/meetings/${session.meetingId}/agenda.pdf`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await secretary.close();
  });

  it('creates an extraordinary session, moves it, and closes it only after a confirmation', async () => {
    const date = addDays(requestDate, 40);
    const moved = addDays(requestDate, 41);
    const secretary = await signedInPage(browser, sys.baseUrl, 'council-secretary');
    await secretary.getByRole('link', { name: 'BCSD' }).click();
    await secretary.getByRole('button', { name: 'Zitting aanmaken' }).click();
    await secretary.getByRole('alert').getByText('Dit veld is verplicht.').waitFor();
    await secretary.getByLabel('Datum').fill(date);
    await secretary.getByLabel('Uur (UU:MM)').fill('07:30');
    await secretary.getByRole('button', { name: 'Zitting aanmaken' }).click();
    await secretary.getByText(`Buitengewone zitting van ${dateLong(date)} aangemaakt.`).waitFor();
    await secretary.getByRole('link', { name: `${dateLong(date)} om 07:30` }).click();
    await secretary.getByRole('heading', { level: 1, name: `BCSD ${dateLong(date)} om 07:30` }).waitFor();

    await secretary.locator('#move-date').fill(moved);
    await secretary.locator('#move-reason').fill('De voorzitter is verhinderd.\nNieuwe datum afgesproken.');
    await secretary.getByRole('button', { name: 'Zitting verplaatsen' }).click();
    await secretary.getByText(`Zitting verplaatst naar ${dateLong(moved)}.`).waitFor();
    await secretary.getByRole('heading', { level: 1, name: `BCSD ${dateLong(moved)} om 07:30` }).waitFor();

    await secretary.getByRole('button', { name: 'Zitting sluiten' }).click();
    const dialog = secretary.getByRole('alertdialog');
    await dialog.getByText(/De zitting sluiten\? Dat kan niet ongedaan gemaakt worden\. 0 punten zijn nog niet beslist\./).waitFor();
    await accessibleScreenshot(secretary, 'react-4-bcsd-sluiten');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    expect(await secretary.getByRole('alertdialog').count()).toBe(0);
    await secretary.getByRole('button', { name: 'Zitting sluiten' }).click();
    await secretary.keyboard.press('Enter'); // the focus is on the confirm button
    await secretary.getByText(`De zitting van ${dateLong(moved)} heeft nog niet plaatsgevonden: sluiten kan pas daarna.`).waitFor();

    // Today's session (every item decided) closes.
    await secretary.getByRole('link', { name: 'BCSD' }).click();
    await secretary.getByRole('link', { name: `${dateLong(decisionDate)} om 08:00` }).click();
    await secretary.getByRole('heading', { level: 1, name: `BCSD ${dateLong(decisionDate)} om 08:00` }).waitFor();
    await secretary.getByRole('button', { name: 'Zitting sluiten' }).click();
    await secretary.getByRole('alertdialog').getByText('0 punten zijn nog niet beslist.', { exact: false }).waitFor();
    await secretary.keyboard.press('Enter');
    await secretary.getByText('Zitting gesloten.').waitFor();
    expect(await secretary.getByRole('button', { name: 'Zitting sluiten' }).count()).toBe(0);
    await secretary.getByRole('link', { name: 'BCSD' }).click();
    await secretary.getByRole('row', { name: new RegExp(`${dateLong(decisionDate)} om 08:00`) }).getByRole('cell', { name: 'gesloten' }).waitFor();
    await secretary.close();
  });

  it('lets finance filter the payments, mark a cash payment paid with its receipt, and batch the transfers after a confirmation with count and total', async () => {
    const notify = await task('decision-notification');
    await sys.http.post(`/tasks/${notify.id}/complete`).set(sys.as('social-worker')).send(outcomes.notification(decisionDate));
    await eventually(async () => ((await sys.http.get(`/payments?dossierId=${dossierId}`).set(sys.as('social-worker'))).body.items?.length ? true : undefined));
    const dataSource = await createDataSource(sys.databaseUrl, { poolSize: 1 }).initialize();
    try {
      await createPaymentActivities({ dataSource, amounts: DEFAULT_LEEFLOON_AMOUNTS }).orderPayment({
        dossierId, kind: 'leefgeld', period: '2026-W19', amountCents: 6_000, dueDate: todayInBrussels(), computation: {}, method: 'cash',
      });
    } finally {
      await dataSource.destroy();
    }
    const due = (await sys.http.get('/payments?status=due').set(sys.as('finance'))).body.items as { amountCents: number; method: string; dueDate: string }[];
    const finance = await signedInPage(browser, sys.baseUrl, 'finance');
    expect(await finance.getByRole('link', { name: 'Team' }).count()).toBe(0); // a role sees only its screens
    await finance.getByRole('link', { name: 'Betalingen' }).click();
    await finance.getByRole('heading', { name: /^Betalingen \([1-9]\d*\) — totaal € / }).waitFor();
    const cash = finance.getByRole('row', { name: /Leefgeld/ });
    await cash.getByText('Els Maes').waitFor();
    await cash.getByText(/contant/i).first().waitFor();
    await cash.getByText('€ 60,00').waitFor();
    await finance.getByText(/Maandelijkse betaling|Achterstallige betaling/).first().waitFor();
    // The date filter: nothing is due before the request.
    await finance.getByLabel('Vervaldatum tot en met').fill(addDays(requestDate, -30));
    await finance.getByRole('heading', { name: 'Betalingen (0) — totaal € 0,00' }).waitFor();
    await finance.getByLabel('Vervaldatum tot en met').fill('');

    await finance.getByLabel('Ontvangstbewijs').fill('KB-2026-0042');
    await accessibleScreenshot(finance, 'react-6-betalingen-contant');
    await finance.getByRole('button', { name: 'Contant betaald' }).click();
    await finance.getByText('Contante betaling aan Els Maes betaald tegen ontvangstbewijs KB-2026-0042.').waitFor();
    expect(await finance.getByRole('button', { name: 'Contant betaald' }).count()).toBe(0);
    await finance.getByLabel('Status').selectOption({ label: 'betaald' });
    await finance.getByRole('heading', { name: 'Betalingen (1) — totaal € 60,00' }).waitFor();
    await finance.getByLabel('Status').selectOption({ label: 'te betalen' });

    const execution = [...due.map((p) => p.dueDate)].sort().at(-1) ?? todayInBrussels();
    const transfers = due.filter((p) => p.method !== 'cash' && p.dueDate <= execution);
    const total = transfers.reduce((s, p) => s + p.amountCents, 0);
    const euro = (c: number) => `€ ${String(Math.floor(c / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(c % 100).padStart(2, '0')}`;
    await finance.getByLabel('Uitvoeringsdatum').fill(execution);
    await finance.getByRole('button', { name: 'Batch aanmaken' }).click();
    const dialog = finance.getByRole('alertdialog');
    await dialog.getByText(`Een batch aanmaken met ${transfers.length} ${transfers.length === 1 ? 'overschrijving' : 'overschrijvingen'} voor een totaal van ${euro(total)}`, { exact: false }).waitFor();
    await accessibleScreenshot(finance, 'react-6-betalingen-bevestigen');
    await dialog.getByRole('button', { name: 'Bevestigen' }).click();
    await finance.getByText(new RegExp(`^Batch met ${transfers.length} betalingen aangemaakt\\.`)).waitFor();
    await finance.getByRole('link', { name: 'SEPA-bestand' }).waitFor();
    await finance.getByText(new RegExp(`${transfers.length} betalingen, totaal ${euro(total).replace('.', '\\.')} — aangemaakt`)).waitFor();
    const sepa = await finance.request.get(`${sys.baseUrl}${await finance.getByRole('link', { name: 'SEPA-bestand' }).getAttribute('href')}`);
    expect(await sepa.text()).toContain('pain.001');
    await finance.getByRole('button', { name: 'Uitgevoerd' }).click();
    await finance.getByRole('alertdialog').getByText(`de batch met ${transfers.length} betalingen (${euro(total)})`, { exact: false }).waitFor();
    await finance.getByRole('alertdialog').getByRole('button', { name: 'Bevestigen' }).click();
    await finance.getByText('Batch als uitgevoerd gemarkeerd.').waitFor();
    await finance.getByText(/— uitgevoerd/).waitFor();
    await accessibleScreenshot(finance, 'react-6-betalingen');
  });

  it("moves an item to another session, and records the chair's urgent decision there, to be ratified", async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '93051822460', firstName: 'Jan', lastName: 'Peeters', address: { street: 'Veldstraat 9', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[0],
    });
    expect([person.status, person.body.errors]).toEqual([201, undefined]);
    const other = (await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate })).body.id;
    await toTheCouncil(other);
    const place = await agendaItemOf(sys, other);
    const target = addDays(requestDate, 30);
    const created = await sys.http.post('/council/meetings').set(sys.as('council-secretary')).send({ date: target, time: '07:45' });
    expect(created.status).toBe(201);

    const secretary = await signedInPage(browser, sys.baseUrl, 'council-secretary');
    await secretary.goto(`${sys.baseUrl}/app/bcsd/${place.meetingId}`);
    const item = secretary.getByRole('article', { name: /Jan Peeters/ });
    await item.getByText('Naar een andere zitting').click();
    await item.getByLabel('Andere zitting', { exact: true }).selectOption({ label: `${dateLong(target)} om 07:45 (buitengewone zitting)` });
    await item.getByRole('button', { name: 'Verplaatsen' }).click();
    await item.getByRole('alert').getByText('Dit veld is verplicht.').waitFor(); // the reason
    await item.getByLabel('Reden', { exact: true }).fill('Dossier dringend: vroeger behandelen.');
    await item.getByRole('button', { name: 'Verplaatsen' }).click();
    await secretary.getByText(`Verplaatst naar de zitting van ${dateLong(target)}.`).waitFor();
    expect(await secretary.getByRole('article', { name: /Jan Peeters/ }).count()).toBe(0);

    await secretary.goto(`${sys.baseUrl}/app/bcsd/${created.body.id}`);
    const moved = secretary.getByRole('article', { name: /Jan Peeters/ });
    await moved.getByLabel('Dringende beslissing van de voorzitter registreren').check();
    await moved.getByRole('button', { name: 'Beslissing registreren' }).click();
    await secretary.getByText('Beslissing geregistreerd.').waitFor();
    await accessibleScreenshot(secretary, 'react-4-bcsd-dringend');
    const decision = (await sys.http.get(`/council/meetings/${created.body.id}`).set(sys.as('council-secretary'))).body.items[0];
    expect(decision.decision).toMatchObject({ result: 'granted', urgent: true });
    await secretary.close();
  });

  it('shows the team lead the deadlines at risk with their escalation to acknowledge, and the workload per worker', async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: '05031412496', firstName: 'Lotte', lastName: 'Janssens', address: { street: 'Kerkstraat 2', postalCode: '2000', city: 'Antwerpen' },
    });
    await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate: addDays(todayInBrussels(), -25) });
    await sys.login('team-lead');
    await eventually(async () => ((await sys.http.get('/escalations').set(sys.as('team-lead'))).body.items?.length ? true : undefined));
    const lead: Page = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.getByRole('link', { name: 'Team' }).click();
    await lead.getByRole('heading', { name: 'In gevaar (1)' }).waitFor();
    await lead.getByRole('heading', { name: 'Escalaties (1)' }).waitFor();
    await lead.getByRole('heading', { name: 'Werklast' }).waitFor();
    await lead.getByRole('columnheader', { name: 'Open taken' }).waitFor();
    await accessibleScreenshot(lead, 'react-7-team');
    await lead.getByRole('button', { name: 'Gezien' }).click();
    await lead.getByRole('heading', { name: 'Escalaties (0)' }).waitFor();
  });
});
