import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { accessibleScreenshot, launchBrowser, openRequestInBrowser, signedInPage } from '../support/browser';
import { outcomes, todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';
import { planOgm } from '../../libs/payments/ogm';

/**
 * The rent guarantee in the browser (issue 15): opened from "Nieuwe aanvraag" by its Dutch title, its inquiry rendered
 * from its outcome schema (the form of the guarantee in Dutch, the landlord and the bank picked among the dossier's
 * parties, the blocked account's IBAN, the amounts in euros), and the proposal the system computes on the timeline.
 */
describe('the rent guarantee (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'finance']);
    browser = await launchBrowser();
    page = await signedInPage(browser, sys.baseUrl, 'social-worker');
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('opens a request from "Nieuwe aanvraag", records the lease, the landlord, the bank and the plan, and shows the proposal', async () => {
    const dossierId = await openRequestInBrowser(page, {
      procedure: 'Huurwaarborg', button: 'Aanvraag huurwaarborg openen', birthDate: '1990-02-11', firstName: 'Sara', lastName: 'Nieuwewoning', street: 'Brugse Poort 5',
    });

    // The landlord and the bank, registered and linked to the dossier.
    const link = async (name: string, kind: string) => {
      const party = await sys.http.post('/parties').set(sys.as('social-worker')).send({ name, kind, address: { street: 'Kouter 1', postalCode: '9000', city: 'Gent' } });
      expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(sys.as('social-worker')).send({ partyId: party.body.id, role: kind })).status).toBe(201);
      return party.body.id as string;
    };
    const landlord = await link('Immo Brugse Poort', 'landlord');
    const bank = await link('Spaarbank Gent', 'bank');
    const check = await openTaskOf(sys, 'social-worker', dossierId, 'competence-check');
    expect((await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker')).send(outcomes.competent)).status).toBe(200);
    const inquiry = await openTaskOf(sys, 'social-worker', dossierId, 'guarantee-inquiry');
    await page.goto(`${sys.baseUrl}/app/taken/${inquiry.id}`);
    const form = page.getByRole('form', { name: 'Onderzoek huurwaarborg (huurovereenkomst, huurprijs en vorm van de waarborg)' });
    await form.getByLabel('Datum van de huurovereenkomst (of het ontwerp) *').fill(todayInBrussels());
    await form.getByLabel('Huurprijs per maand', { exact: false }).fill('725,00');
    await form.getByLabel('Gevraagde huurwaarborg', { exact: false }).fill('2.175,00');
    // The forms in Dutch: no codes.
    const kind = form.getByLabel('Vorm van de waarborg *');
    expect(await kind.locator('option').allTextContents()).toEqual(expect.arrayContaining([
      'Waarborgbrief van het OCMW aan de verhuurder', 'Bankwaarborg via de overeenkomst tussen het OCMW en de bank', 'Storting op een geblokkeerde rekening (als voorschot)',
    ]));
    await kind.selectOption({ label: 'Storting op een geblokkeerde rekening (als voorschot)' });
    const pick = async (label: string, name: string) => {
      const select = form.getByLabel(label, { exact: false });
      await select.locator('option', { hasText: name }).waitFor({ state: 'attached' });
      await select.selectOption({ label: (await select.locator('option', { hasText: name }).textContent())! });
    };
    await pick('Verhuurder (partij van het dossier)', 'Immo Brugse Poort');
    await pick('Bank van de geblokkeerde rekening', 'Spaarbank Gent');
    await form.getByLabel('Geblokkeerde huurwaarborgrekening op naam van de huurder (IBAN)', { exact: false }).fill('BE71 0961 2345 6769');
    await form.getByLabel('Is de huurprijs betaalbaar met het inkomen van het huishouden? *').selectOption({ label: 'Ja' });
    await form.getByLabel('Is de woning ongeschikt of onbewoonbaar verklaard? *').selectOption({ label: 'Nee' });
    await form.getByLabel('Afbetaling door de cliënt per maand', { exact: false }).fill('100,00');
    await form.getByLabel('Eerste afbetaling op', { exact: false }).fill(addDays(todayInBrussels(), 40));
    await accessibleScreenshot(page, 'huurwaarborg-onderzoek');
    await form.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    await page.getByText('Voorstel: toekennen', { exact: false }).first().waitFor();
    await page.getByText('Storting op een geblokkeerde rekening (als voorschot) van € 2.175,00', { exact: false }).first().waitFor();
    const item = await eventually(async () => (await sys.db.query(`SELECT proposal FROM agenda_items WHERE dossier_id = $1`, [dossierId])).rows[0]);
    expect(item.proposal).toMatchObject({ proposal: 'grant', amountCents: 217_500 });
    const task = (await sys.db.query(`SELECT outcome FROM tasks WHERE id = $1`, [inquiry.id])).rows[0];
    expect(task.outcome).toMatchObject({ form: 'blocked-account', landlordPartyId: landlord, bankPartyId: bank, monthlyRentCents: 72_500, monthlyRepaymentCents: 10_000 });
  });

  it('finance reads in the OCMW account statement on Betalingen: a plan payment booked in its dossier, the others listed in Dutch', async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Tom', lastName: 'Afbetaler', address: { street: 'Kouter 9', postalCode: '9000', city: 'Gent' },
    });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'rent-guarantee', personId: person.body.id, requestDate: todayInBrussels() });
    const reference = dossier.body.reference as string;
    const ogm = (text: string) => text.replace(/\D/g, '');
    const entry = (amount: string, ref: string, strd: string) => `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${todayInBrussels()}</Dt></BookgDt>` +
      `<AcctSvcrRef>${ref}</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>${strd}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S1</Id>` +
      `<Acct><Id><IBAN>BE48001123456727</IBAN></Id></Acct>${entry('125.00', 'WEB-1', ogm(planOgm(reference, 1)))}${entry('40.00', 'WEB-2', ogm(planOgm('HW-2026-999999', 1)))}</Stmt></BkToCstmrStmt></Document>`;
    const page = await signedInPage(browser, sys.baseUrl, 'finance');
    await page.getByRole('link', { name: 'Betalingen' }).click();
    const form = page.getByRole('form', { name: 'Rekeninguittreksel van het OCMW inlezen' });
    await form.getByLabel('Uittreksel (camt.053, XML)').setInputFiles({ name: 'uittreksel.xml', mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
    await form.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByText('2 ontvangsten gelezen: 1 in een dossier geboekt, 0 al eerder ingelezen, 1 niet toe te wijzen.').waitFor();
    const booked = page.locator('#bank-statement-booked');
    expect(await booked.getByRole('link', { name: reference }).getAttribute('href')).toBe(`/app/dossiers/${dossier.body.id}`);
    expect(await booked.locator('tbody td').allTextContents()).toEqual(['1', reference, '€ 125,00', 'geboekt']);
    expect(await page.locator('#bank-statement-unmatched tbody td').nth(4).textContent()).toBe('geen dossier met dat nummer');
    await accessibleScreenshot(page, 'rekeninguittreksel');
    // The same file again: nothing booked twice.
    await form.getByLabel('Uittreksel (camt.053, XML)').setInputFiles({ name: 'uittreksel.xml', mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
    await form.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByText('2 ontvangsten gelezen: 0 in een dossier geboekt, 1 al eerder ingelezen, 1 niet toe te wijzen.').waitFor();
    await page.close();
  });
});
