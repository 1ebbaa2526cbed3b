import type { Browser } from 'playwright-core';
import { launchBrowser, signedInPage } from '../support/browser';
import { startTestSystem, TestSystem } from '../support/system';

const address = { street: 'Kouter 9', postalCode: '9000', city: 'Gent' };

/**
 * "Collectieve schuldenregeling" on a debt mediation dossier: nothing started before the court acts; the petition
 * refused in Dutch without a court and reasons, then prepared from the inventory into the documents; the CSR clocks
 * with their due dates (duty or for information) and the claims per creditor as the workflow recorded them.
 */
describe('Collectieve schuldenregeling (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;
  let bank: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({ noNationalNumberReason: 'unknown', birthDate: '1980-02-02', firstName: 'Lotte', lastName: 'Maes', address });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id }).expect(201);
    dossierId = dossier.body.id;
    bank = (await sys.http.post('/parties').set(sys.as('social-worker')).send({ name: 'Bank Kredietnet', kind: 'creditor', address }).expect(201)).body.id;
    await sys.http.post(`/dossiers/${dossierId}/debts`).set(sys.as('social-worker')).send({ creditorPartyId: bank, originalCents: 500000, outstandingCents: 450000 }).expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('prepares the petition, and shows the clocks and the claims', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const section = page.getByRole('region', { name: 'Collectieve schuldenregeling' });
    await section.getByText(/Geen collectieve schuldenregeling/).waitFor();

    const form = section.getByRole('form', { name: 'Verzoekschrift voorbereiden' });
    await form.getByRole('button', { name: 'Verzoekschrift opmaken' }).click();
    await form.getByText('Dit veld is verplicht.').first().waitFor();
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM documents WHERE dossier_id = $1`, [dossierId])).rows[0].n).toBe(0);
    await form.getByLabel(/^Arbeidsrechtbank/).fill('arbeidsrechtbank Gent, afdeling Gent');
    await form.getByLabel(/^Redenen/).fill('Inkomensverlies na ziekte.');
    await form.getByRole('button', { name: 'Verzoekschrift opmaken' }).click();
    await form.getByText(/Verzoekschrift opgemaakt: verzoekschrift-csr-.*\.pdf staat bij de documenten\./).waitFor();
    expect((await sys.db.query(`SELECT kind FROM documents WHERE dossier_id = $1`, [dossierId])).rows).toEqual([{ kind: 'petition' }]);

    await sys.db.query(
      `INSERT INTO csr_files (dossier_id, court, order_date, order_sent_on, mediator, ocmw_mediator, status) VALUES ($1, 'arbeidsrechtbank Gent', '2026-03-09', '2026-03-10', 'ocmw', true, 'CSR_CLAIMS')`,
      [dossierId],
    );
    await sys.db.query(`INSERT INTO csr_claims (dossier_id, party_id, declared_on, amount_cents, waived) VALUES ($1, $2, '2026-03-20', 812345, false)`, [dossierId, bank]);
    await sys.db.query(
      `INSERT INTO deadlines (dossier_id, key, rule_id, title, legal_basis, trigger_date, due_date, warning_date, status, explanation, team, kind)
       VALUES ($1, 'csr-claims', 'CSR-2', 'Aangifte van schuldvordering door de schuldeisers', 'art. 1675/9 §2–3 Ger.W.', '2026-03-10', '2026-04-27', '2026-04-20', 'running', '-', 'demo', 'duty')`,
      [dossierId],
    );
    await page.reload();
    const clocks = section.getByRole('table', { name: 'Termijnen' });
    await clocks.getByRole('row', { name: /Aangifte van schuldvordering/ }).getByRole('cell', { name: '27 april 2026' }).waitFor();
    await clocks.getByRole('row', { name: /Aangifte van schuldvordering/ }).getByRole('cell', { name: 'plicht van het OCMW (schuldbemiddelaar)' }).waitFor();
    await section.getByText(/Toelaatbaar verklaard door de arbeidsrechtbank Gent op 9 maart 2026; schuldbemiddelaar: het OCMW\./).waitFor();
    const claims = section.getByRole('table', { name: 'Aangiften van schuldvordering' });
    await claims.getByRole('row', { name: /Bank Kredietnet/ }).getByRole('cell', { name: '€ 8.123,45' }).waitFor();
    await page.close();
  });

  it('makes the heating allowance attestation (category 3) once the trajectory runs, refused in Dutch before', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const form = page.getByRole('region', { name: 'Collectieve schuldenregeling' }).getByRole('form', { name: 'Attest verwarmingstoelage (categorie 3)' });
    const certificates = async () => (await sys.db.query(`SELECT kind FROM documents WHERE dossier_id = $1 AND kind = 'certificate'`, [dossierId])).rows;
    await form.getByRole('button', { name: 'Attest opmaken' }).click();
    await form.getByText(/Een attest kan pas wanneer het traject loopt/).waitFor();
    expect(await certificates()).toEqual([]);
    // The trajectory runs (as the workflow records it): the agreement signed, the court's admissibility order.
    await sys.db.query(`UPDATE dossiers SET status = 'CSR_CLAIMS' WHERE id = $1`, [dossierId]);
    await sys.db.query(
      `INSERT INTO dossier_events (dossier_id, key, at, type, description, data) VALUES ($1, 'agreement-signed', now(), 'agreement-signed', 'Overeenkomst ondertekend', '{"signedOn":"2026-02-02"}')`,
      [dossierId],
    );
    await page.reload();
    await form.getByLabel(/De factuur is nog niet betaald/).check();
    await form.getByRole('button', { name: 'Attest opmaken' }).click();
    await form.getByText(/Attest opgemaakt: attest-verwarmingstoelage-.*\.pdf staat bij de documenten\. Aanvraag verwarmingstoelage VT-\d{4}-\d{6} geopend\./).waitFor();
    expect(await certificates()).toEqual([{ kind: 'certificate' }]);
    await page.close();
  });
});
