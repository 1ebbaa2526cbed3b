import type { Browser } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { formatEuro } from '../../libs/format/dutch';
import { accessibleScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { grantStateReimbursedAid } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The state-reimbursement file on the dossier screen (issue 14, Wet 1965): finance sees the forms to POD MI, claims the
 * aid paid (form D1) in the browser, and records POD MI's partial answer with the amount reimbursed; the totals follow.
 */
describe('the state-reimbursement file (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  const today = todayInBrussels();
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'finance', 'team-lead']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('shows the forms, claims the aid paid and records POD MI\'s answer, in Dutch and in euros', async () => {
    const { id, paidCents } = await grantStateReimbursedAid(sys, { nn: 1, firstName: 'Olga', lastName: 'Staat' });
    const page = await signedInPage(browser, sys.baseUrl, 'finance');
    await page.goto(`${sys.baseUrl}/app/dossiers/${id}`);
    const section = page.getByRole('region', { name: 'Terugbetaling door de Staat (Wet 1965)' });
    await section.getByRole('row', { name: /^Formulier B1/ }).waitFor();
    expect(await section.getByRole('rowheader').allTextContents()).toEqual(['Formulier A', 'Formulier B1']);

    // The claim of the aid paid since the request (D1): its costs come from the payments.
    const claim = section.getByRole('form', { name: 'Terugbetaling aanvragen of medische hulp meedelen' });
    await claim.getByLabel('Soort gebeurtenis *').selectOption({ label: 'Terugbetaling door de Staat aanvragen (Wet 1965)' });
    await claim.getByLabel('Wat wordt teruggevraagd? *').selectOption({ label: 'Kosten van de maatschappelijke dienstverlening, uit de betalingen (formulier D1)' });
    await claim.getByLabel('Periode van *').fill(addDays(today, -20));
    await claim.getByLabel('Periode tot en met *').fill(today);
    await claim.getByLabel('Datum waarop het gebeurde *').fill(today);
    await claim.getByRole('button', { name: 'Aanvraag registreren' }).click();
    await page.getByText('Aanvraag geregistreerd: het formulier gaat naar de POD MI.').waitFor();
    await eventually(async () => ((await sys.db.query(`SELECT count(*)::int AS n FROM partner_messages WHERE dossier_id = $1 AND kind = 'wet1965-D1'`, [id])).rows[0].n === 1 ? true : undefined));
    // POD MI's export (the file finance sends), then its answer: part of the claim reimbursed.
    expect((await sys.http.get('/partner-messages/export?partner=pod-mi').set(sys.as('finance'))).status).toBe(200);
    await page.reload();
    const d1 = section.getByRole('row', { name: /^Formulier D1/ });
    await d1.waitFor();
    expect(await d1.getByRole('cell').nth(3).textContent()).toBe(formatEuro(paidCents));
    const answer = section.getByRole('form', { name: 'Antwoord van de POD MI op formulier D1 registreren' });
    await answer.getByLabel('Antwoord *', { exact: true }).selectOption({ label: 'Gedeeltelijk aanvaard' });
    await answer.getByLabel(/^Terugbetaald bedrag in euro/).fill('100,00');
    await answer.getByRole('button', { name: 'Antwoord registreren' }).click();
    // "Partly" without a reason is refused, in Dutch, and nothing is recorded.
    await answer.getByText('Dit veld is verplicht.').waitFor();
    await answer.getByLabel('Reden *').fill('Eén betaling buiten de periode.');
    await answer.getByRole('button', { name: 'Antwoord registreren' }).click();
    await page.getByText('Antwoord op formulier D1 geregistreerd.').waitFor();
    await section.getByText(`Gevraagd ${formatEuro(paidCents)} · terugbetaald € 100,00 · geweigerd ${formatEuro(paidCents - 10_000)} · nog open € 0,00`).waitFor();
    expect(await section.getByRole('row', { name: /^Formulier D1/ }).getByRole('cell').nth(2).textContent()).toContain('Gedeeltelijk aanvaard op');
    await accessibleScreenshot(page, 'terugbetaling-staat');
    await page.close();

    // The team lead's view: the dossier's claims, claimed, reimbursed and outstanding, and the team's total.
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.goto(`${sys.baseUrl}/app/team`);
    const table = lead.getByRole('table', { name: 'Kostenstaten (formulieren D1, D2 en F) per dossier' });
    const reference = (await sys.http.get(`/dossiers/${id}`).set(sys.as('finance'))).body.reference;
    const row = table.getByRole('row', { name: new RegExp(`^${reference}`) });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual(['1', formatEuro(paidCents), '€ 100,00', '€ 0,00', '—']);
    await lead.close();
  });
});
