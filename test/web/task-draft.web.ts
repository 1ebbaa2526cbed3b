import type { Browser } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { amountRowFor, DEFAULT_LEEFLOON_AMOUNTS } from '../../libs/payments/amounts';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { outcomes, todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { openLeefloonDossier, openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/** A half-filled inquiry survives a closed tab; the report starts from it with the computed amount; a finished task rereads. */
describe('task drafts, prefill, computed amounts and finished tasks (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;
  const requestDate = addDays(todayInBrussels(), -1);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    dossierId = await openLeefloonDossier(sys, 'social-worker', requestDate, { nn: 0, firstName: 'Mira', lastName: 'Jacobs' });
    const competence = await openTaskOf(sys, 'social-worker', dossierId, 'competence-check');
    expect((await sys.http.post(`/tasks/${competence.id}/complete`).set(sys.as('social-worker')).send(outcomes.competent)).status).toBe(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('keeps a draft on the server, prefills and computes the report, shows the finished task and edits a note', async () => {
    const inquiry = await openTaskOf(sys, 'social-worker', dossierId, 'social-inquiry');
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/taken/${inquiry.id}`);
    await page.getByRole('heading', { level: 1, name: 'Sociaal onderzoek' }).waitFor();
    // The household size comes from the dossier (the applicant alone).
    await eventually(async () => (await page.getByLabel('Aantal personen in het huishouden *').inputValue()) === '1' || undefined);
    await page.getByLabel('Datum huisbezoek *').fill(requestDate);
    await page.getByLabel('Feitelijke gezinssituatie *').selectOption({ label: 'Alleenstaande' });
    await page.getByLabel('In aanmerking genomen bestaansmiddelen per maand (€) *').fill('200,00');
    await page.getByLabel('Opmerkingen').fill('Huurcontract gezien.');
    // Saved 1.5 s after the typing stops: on the server, never in the browser's storage.
    await page.getByText(/^Concept bewaard om \d\d:\d\d$/).waitFor();
    const draft = await eventually(async () => {
      const res = await sys.http.get(`/tasks/${inquiry.id}/draft`).set(sys.as('social-worker'));
      return res.body.data?.notes === 'Huurcontract gezien.' ? res.body.data : undefined;
    });
    expect(draft).toEqual({ homeVisitDate: requestDate, householdType: 'single', householdSize: 1, monthlyResourcesCents: 20000, notes: 'Huurcontract gezien.' });
    expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
    await accessibleScreenshot(page, 'taak-concept');
    await page.close();

    // A new page: the values are back.
    const again = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await again.goto(`${sys.baseUrl}/app/taken/${inquiry.id}`);
    await again.getByText(/^Concept bewaard om \d\d:\d\d$/).waitFor();
    expect(await again.getByLabel('Datum huisbezoek *').inputValue()).toBe(requestDate);
    expect(await again.getByLabel('In aanmerking genomen bestaansmiddelen per maand (€) *').inputValue()).toBe('200,00');
    expect(await again.getByLabel('Opmerkingen').inputValue()).toBe('Huurcontract gezien.');
    expect(await again.locator('#f-householdType option:checked').textContent()).toBe('Alleenstaande');
    await again.getByLabel('Categorie *').selectOption({ label: 'Categorie 2: alleenstaand' });
    await again.getByLabel('Wil de aanvrager gehoord worden? *').selectOption({ label: 'Nee' });
    await again.getByRole('button', { name: 'Afronden' }).click();
    await again.waitForURL(`**/app/dossiers/${dossierId}`);

    // The report starts from the inquiry: category and start date; the amount is computed beside its field.
    const report = await openTaskOf(sys, 'social-worker', dossierId, 'social-report');
    await again.goto(`${sys.baseUrl}/app/taken/${report.id}`);
    await again.getByRole('heading', { level: 1, name: 'Sociaal verslag en voorstel van beslissing' }).waitFor();
    await again.getByLabel('Voorstel *').selectOption({ label: 'Toekennen' });
    expect(await again.locator('#f-category option:checked').textContent()).toBe('Categorie 2: alleenstaand');
    expect(await again.getByLabel('Ingangsdatum *').inputValue()).toBe(requestDate);
    const row = amountRowFor(DEFAULT_LEEFLOON_AMOUNTS, requestDate.slice(0, 7));
    const amount = row.amountsCents[2] - 20000;
    await again.getByText(`Berekend: ${formatEuro(amount)} (categorie alleenstaande, bedrag geldig vanaf ${formatDateNl(row.validFrom)})`).waitFor();
    expect(await again.getByLabel('Maandbedrag (€) *').inputValue()).toBe('');
    await again.getByRole('button', { name: 'Overnemen' }).click();
    expect(await again.getByLabel('Maandbedrag (€) *').inputValue()).toBe(formatEuro(amount).slice(2));
    const motivation = 'Geen bestaansmiddelen buiten het deeltijds werk; recht op leefloon.';
    await again.getByLabel('Motivering *').fill(motivation);
    // Leaving the page at once (within the 1.5 s) still saves what was typed.
    await again.getByRole('main').getByRole('link', { name: /^LL-/ }).click();
    await again.waitForURL(`**/app/dossiers/${dossierId}`);
    const reportDraft = await eventually(async () => {
      const res = await sys.http.get(`/tasks/${report.id}/draft`).set(sys.as('social-worker'));
      return res.body.data?.motivation === motivation ? res.body.data : undefined;
    });
    expect(reportDraft).toMatchObject({ proposal: 'grant', category: 2, monthlyAmountCents: amount });
    await again.goto(`${sys.baseUrl}/app/taken/${report.id}`);
    await again.getByText(/^Concept bewaard om \d\d:\d\d$/).waitFor();
    expect(await again.getByLabel('Maandbedrag (€) *').inputValue()).toBe(formatEuro(amount).slice(2));
    // "Concept verwijderen", confirmed: the form starts again from what the dossier knows.
    await again.getByRole('button', { name: 'Concept verwijderen' }).click();
    await again.getByRole('button', { name: 'Verwijderen' }).click();
    await again.getByText('Concept verwijderd.').waitFor();
    expect(await again.getByLabel('Voorstel *').inputValue()).toBe('');
    expect((await sys.http.get(`/tasks/${report.id}/draft`).set(sys.as('social-worker'))).status).toBe(404);
    await again.getByLabel('Voorstel *').selectOption({ label: 'Toekennen' });
    expect(await again.getByLabel('Ingangsdatum *').inputValue()).toBe(requestDate);
    expect(await again.getByLabel('Maandbedrag (€) *').inputValue()).toBe('');
    await again.getByRole('button', { name: 'Overnemen' }).click();
    await again.getByLabel('Motivering *').fill(motivation);
    await again.getByRole('button', { name: 'Afronden' }).click();
    await again.waitForURL(`**/app/dossiers/${dossierId}`);
    const done = await sys.http.get(`/tasks/${report.id}`).set(sys.as('social-worker'));
    expect(done.body.outcome).toMatchObject({ proposal: 'grant', category: 2, monthlyAmountCents: amount, startDate: requestDate });
    expect((await sys.http.get(`/tasks/${inquiry.id}/draft`).set(sys.as('social-worker'))).status).toBe(404);

    // The finished task reads back: labels, the amount in euros, who and when; no form any more.
    await again.goto(`${sys.baseUrl}/app/taken/${report.id}`);
    const outcome = again.getByRole('region', { name: 'Resultaat' });
    await outcome.getByText(/^Afgerond door An Maatschappelijk Assistent op \d+ \w+ \d{4} om \d\d:\d\d\.$/).waitFor();
    const pairs = await outcome.locator('dl div').evaluateAll((divs) => divs.map((d) => `${d.querySelector('dt')?.textContent}: ${d.querySelector('dd')?.textContent}`));
    expect(pairs).toEqual([
      'Voorstel: Toekennen',
      'Categorie: Categorie 2: alleenstaand',
      `Maandbedrag: ${formatEuro(amount)}`,
      `Ingangsdatum: ${formatDateNl(requestDate)}`,
      `Motivering: ${motivation}`,
    ]);
    expect(await again.getByRole('button', { name: 'Afronden' }).count()).toBe(0);
    await accessibleScreenshot(again, 'taak-afgerond');

    // One's own note is edited in place; the earlier wording is kept by the API.
    const note = await sys.http.post(`/dossiers/${dossierId}/notes`).set(sys.as('social-worker')).send({ contactDate: requestDate, kind: 'home-visit', text: 'Huisbezoek: huurcontract gezien.' });
    expect(note.status).toBe(201);
    await again.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const notes = again.getByRole('region', { name: 'Notities' });
    const item = notes.getByRole('listitem').filter({ hasText: 'Huisbezoek: huurcontract gezien.' });
    await item.getByRole('button', { name: /^Bewerken/ }).click();
    const edit = notes.getByRole('form', { name: 'Notitie bewerken' });
    await edit.getByLabel('Tekst *').fill('Huisbezoek: huurcontract en loonfiche gezien.');
    await edit.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await notes.getByText('Wijziging opgeslagen; de vorige tekst blijft bewaard.').waitFor();
    const changed = notes.getByRole('listitem').filter({ hasText: 'Huisbezoek: huurcontract en loonfiche gezien.' });
    await changed.getByText(/gewijzigd op \d+ \w+ \d{4} om \d\d:\d\d/).waitFor();
    const revisions = (await sys.http.get(`/notes/${note.body.id}`).set(sys.as('social-worker'))).body.revisions;
    expect(revisions.map((r: { text: string }) => r.text)).toEqual(['Huisbezoek: huurcontract gezien.']);
    await again.close();
  });
});
