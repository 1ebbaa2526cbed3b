import type { Browser } from 'playwright-core';
import { launchBrowser, signedInPage } from '../support/browser';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };

/**
 * Correspondentie met schuldeisers on a debt mediation dossier's page: per letter the party, the subject, when it was
 * sent, the answer expected by (in Dutch dates), the reminder and the answer; a letter asked for through the form.
 */
describe('Correspondentie met schuldeisers (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;
  let agency: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Sofie', lastName: 'Verbeke', address }).expect(201);
    dossierId = (await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id }).expect(201)).body.id;
    agency = (await sys.http.post('/parties').set(sys.as('social-worker')).send({ name: 'Incasso Vlaanderen NV', kind: 'collection-agency', address }).expect(201)).body.id;
    await sys.http.post(`/dossiers/${dossierId}/parties`).set(sys.as('social-worker')).send({ partyId: agency, role: 'collection-agency' }).expect(201);
    // As the workflow writes them (workflows/shared/party-correspondence.ts): one reminded, one answered.
    await sys.db.query(
      `INSERT INTO creditor_letters (dossier_id, letter_key, party_id, template, subject, sent_on, answer_due, reminder_on, reminder_answer_due, answered_on, answer, amount_cents, status)
       VALUES ($1, 'statement-request:dossier:a', $2, 'creditor-statement-request', 'Vraag om een actueel overzicht van de schuld', '2026-11-09', '2026-11-30', '2026-12-01', '2026-12-22', NULL, NULL, NULL, 'reminded'),
              ($1, 'repayment-proposal:dossier:a', $2, 'creditor-repayment-proposal', 'Voorstel van afbetalingsplan', '2026-11-10', '2026-12-01', NULL, NULL, '2026-11-20', 'accepted', 5000, 'answered')`,
      [dossierId, agency],
    );
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('lists the letters with their answer windows, reminder and answer, and asks for a new letter', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const section = page.getByRole('region', { name: 'Correspondentie met schuldeisers' });
    const table = section.getByRole('table', { name: /Brieven aan schuldeisers/ });
    const reminded = table.getByRole('row', { name: /Vraag om een actueel overzicht/ });
    await reminded.getByRole('cell', { name: 'Incasso Vlaanderen NV' }).waitFor();
    await reminded.getByRole('cell', { name: '9 november 2026' }).waitFor();
    await reminded.getByRole('cell', { name: 'antwoord verwacht uiterlijk 22 december 2026' }).waitFor();
    await reminded.getByRole('cell', { name: 'herinnerd op 1 december 2026' }).waitFor();
    await table.getByRole('row', { name: /Voorstel van afbetalingsplan/ }).getByRole('cell', { name: 'Aanvaard op 20 november 2026 — € 50,00' }).waitFor();

    const form = section.getByRole('form', { name: 'Brief aan een schuldeiser' });
    await form.getByLabel(/^Aan/).selectOption({ label: 'Incasso Vlaanderen NV' });
    await form.getByLabel(/^Brief/).selectOption({ label: 'Voorstel van afbetalingsplan' });
    await form.getByLabel(/^Bedrag per maand/).fill('75');
    await form.getByLabel(/^Vanaf/).fill('2027-02-01');
    await form.getByLabel(/^Duur in maanden/).fill('12');
    await form.getByRole('button', { name: 'Brief versturen' }).click();
    await form.getByText('Gevraagd: "Voorstel van afbetalingsplan".', { exact: false }).waitFor();
    const queued = await sys.db.query(`SELECT payload FROM workflow_outbox WHERE dossier_id = $1 AND message = 'creditorLetterRequested'`, [dossierId]);
    expect(queued.rows.map((r: { payload: { data: unknown } }) => r.payload.data)).toEqual([{ monthlyCents: 7500, startDate: '2027-02-01', durationMonths: 12 }]);
  });
});
