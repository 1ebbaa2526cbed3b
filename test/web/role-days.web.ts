import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { dateLong, month } from '../../apps/web/src/format';
import { outcomes, todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { accessibleScreenshot, fillCompetenceFactsLivingHere, launchBrowser, signedInPage } from '../support/browser';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/** A one-pixel PNG header and some bytes: a document recognised as PNG by its content. */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(600, 7)]);

/**
 * One request, worked through the screens by each role in turn, as their day goes (issue 11, "Done when"): the social
 * worker finds the client, opens the request from the person page, completes the competence check, the inquiry from a
 * draft saved on the server (the tab closed half-way) and the report with the computed amount, and adds a note and a
 * document; the council secretary records the BCSD's decision on the agenda; finance batches the payment it orders;
 * the team lead reads the figures and exports them. Only the council's date is set through the API: the item is treated
 * at an extraordinary session today (no test depends on the council's weekday).
 */
describe("each role's day, one request through the screens (browser)", () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;
  let reference: string;
  const today = todayInBrussels();

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'finance', 'team-lead']);
    // Registered earlier at the counter; today she asks for a leefloon.
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Lotte', lastName: 'Janssens', address: { street: 'Kerkstraat 2', postalCode: '2000', city: 'Antwerpen' }, iban: VALID_IBANS[0],
    });
    expect([person.status, person.body.errors]).toEqual([201, undefined]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  const task = async (page: Page, kind: string, heading: string) => {
    const open = await openTaskOf(sys, 'social-worker', dossierId, kind);
    await page.goto(`${sys.baseUrl}/app/taken/${open.id}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    return open.id;
  };

  it('the social worker: finds the client, opens the request, works its tasks from a draft, adds a note and a document', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.getByRole('navigation').getByRole('link', { name: 'Cliënten' }).click();
    const search = page.getByLabel('Zoek op naam, rijksregisternummer of geboortedatum');
    await search.fill('lotte jansens'); // a typo: found all the same
    await search.press('Enter');
    await page.getByRole('row', { name: /Lotte Janssens/ }).getByRole('link', { name: 'Lotte Janssens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lotte Janssens' }).waitFor();
    await page.getByRole('button', { name: 'Nieuwe aanvraag voor deze persoon' }).click();
    await page.getByText('Aanvraag voor Lotte Janssens').waitFor();
    await page.getByLabel('Procedure', { exact: true }).selectOption({ label: 'Leefloon (RMI-wet)' });
    await page.getByRole('button', { name: /^Aanvraag .* openen$/ }).click();
    await page.waitForURL('**/app/dossiers/*');
    dossierId = page.url().split('/').at(-1)!;
    reference = (await sys.http.get(`/dossiers/${dossierId}`).set(sys.as('social-worker'))).body.reference;
    expect(Number((await sys.db.query(`SELECT count(*) FROM persons WHERE last_name = 'Janssens'`)).rows[0].count)).toBe(1);

    await task(page, 'competence-check', 'Territoriale bevoegdheid nagaan');
    await fillCompetenceFactsLivingHere(page);
    await page.getByLabel('Is dit OCMW bevoegd? *').selectOption({ label: 'Ja, bevoegd' });
    await page.getByLabel('Toegepaste regel (Wet 1965) *').selectOption({ label: 'Gewoonlijke verblijfplaats' });
    await page.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);

    // The inquiry, begun after the home visit and left half-way: the draft is on the server.
    const inquiry = await task(page, 'social-inquiry', 'Sociaal onderzoek');
    await page.getByLabel('Datum huisbezoek *').fill(today);
    await page.getByLabel('Feitelijke gezinssituatie *').selectOption({ label: 'Alleenstaande' });
    await page.getByText(/^Concept bewaard om \d\d:\d\d$/).waitFor();
    await page.close();
    const again = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await again.getByRole('link', { name: 'Sociaal onderzoek' }).click();
    await again.waitForURL(`**/app/taken/${inquiry}`);
    await again.getByText(/^Concept bewaard om \d\d:\d\d$/).waitFor();
    expect(await again.getByLabel('Datum huisbezoek *').inputValue()).toBe(today);
    await again.getByLabel('In aanmerking genomen bestaansmiddelen per maand (€) *').fill('0,00');
    await again.getByLabel('Categorie *').selectOption({ label: 'Categorie 2: alleenstaand' });
    await again.getByLabel('Wil de aanvrager gehoord worden? *').selectOption({ label: 'Nee' });
    await again.getByRole('button', { name: 'Afronden' }).click();
    await again.waitForURL(`**/app/dossiers/${dossierId}`);
    const inquiryDone = (await sys.http.get(`/tasks/${inquiry}`).set(sys.as('social-worker'))).body;
    expect(inquiryDone.outcome).toMatchObject({ homeVisitDate: today, householdType: 'single', monthlyResourcesCents: 0, proposedCategory: 2 });

    await task(again, 'social-report', 'Sociaal verslag en voorstel van beslissing');
    await again.getByLabel('Voorstel *').selectOption({ label: 'Toekennen' });
    await again.getByRole('button', { name: 'Overnemen' }).click();
    await again.getByLabel('Motivering *').fill('Geen bestaansmiddelen; voldoet aan de voorwaarden van art. 3 RMI-wet.');
    await again.getByRole('button', { name: 'Afronden' }).click();
    await again.waitForURL(`**/app/dossiers/${dossierId}`);

    const notes = again.getByRole('region', { name: 'Notities' });
    const noteForm = notes.getByRole('form', { name: 'Notitie toevoegen' });
    await noteForm.getByLabel('Datum contact').fill(today);
    await noteForm.getByLabel('Soort').selectOption({ label: 'huisbezoek' });
    await noteForm.getByLabel('Tekst').fill('Woning bezocht; huurcontract gezien.');
    await noteForm.getByRole('button', { name: 'Notitie opslaan' }).click();
    await noteForm.getByText('Notitie opgeslagen.').waitFor();
    await notes.getByText(`${dateLong(today)} — huisbezoek`).waitFor();

    const documents = again.getByRole('region', { name: 'Documenten' });
    const upload = documents.getByRole('form', { name: 'Document opladen' });
    await upload.getByLabel('Soort document').selectOption({ label: 'huurcontract' });
    await upload.getByLabel(/^Bestand/).setInputFiles({ name: 'huurcontract.png', mimeType: 'image/png', buffer: PNG });
    await upload.getByRole('button', { name: 'Opladen' }).click();
    await upload.getByText('huurcontract.png opgeladen.').waitFor();
    await documents.getByRole('row', { name: /huurcontract\.png/ }).getByRole('cell', { name: 'huurcontract', exact: true }).waitFor();
    await accessibleScreenshot(again, 'dag-maatschappelijk-assistent');
    await again.close();
  });

  let decisionDate: string;
  it('the council secretary: decides the item on the agenda from the proposal', async () => {
    const session = await treatTodayAtExtraordinarySession(sys, dossierId);
    decisionDate = session.date;
    const page = await signedInPage(browser, sys.baseUrl, 'council-secretary');
    await page.getByRole('link', { name: 'BCSD' }).click();
    await page.getByRole('link', { name: `${dateLong(session.date)} om 08:00` }).click();
    const item = page.getByRole('article', { name: /Lotte Janssens/ });
    await item.getByText('Toekennen').waitFor();
    expect(await item.getByLabel('Beslissing *').locator('option:checked').textContent()).toBe('Toegekend');
    await item.getByRole('button', { name: 'Beslissing registreren' }).click();
    await page.getByText('Beslissing geregistreerd.').waitFor();
    await item.getByText('Beslist: Toegekend').waitFor();
    await accessibleScreenshot(page, 'dag-raadssecretaris');
    await page.close();
    const decided = await openTaskOf(sys, 'social-worker', dossierId, 'decision-notification');
    expect(decided.kind).toBe('decision-notification');
  });

  it('finance: batches the transfers the decision ordered, after a confirmation with count and total', async () => {
    const notify = await openTaskOf(sys, 'social-worker', dossierId, 'decision-notification');
    expect((await sys.http.post(`/tasks/${notify.id}/complete`).set(sys.as('social-worker')).send(outcomes.notification(decisionDate))).status).toBe(200);
    const due = await eventually(async () => {
      const items = (await sys.http.get(`/payments?dossierId=${dossierId}`).set(sys.as('finance'))).body.items as { dueDate: string; method: string }[] | undefined;
      return items?.length ? items : undefined;
    });
    const execution = due.map((p) => p.dueDate).sort().at(-1)!;
    const page = await signedInPage(browser, sys.baseUrl, 'finance');
    await page.getByRole('link', { name: 'Betalingen' }).click();
    await page.getByRole('row', { name: /Lotte Janssens/ }).first().waitFor();
    await page.getByLabel('Uitvoeringsdatum').fill(execution);
    await page.getByRole('button', { name: 'Batch aanmaken' }).click();
    await page.getByRole('alertdialog').getByText(/^Een batch aanmaken met \d+ overschrijving/).waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText(/^Batch met \d+ betalingen? aangemaakt\./).waitFor();
    const batched = (await sys.http.get(`/payments?dossierId=${dossierId}`).set(sys.as('finance'))).body.items as { status: string }[];
    expect(batched.filter((p) => p.status === 'due')).toEqual([]);
    await accessibleScreenshot(page, 'dag-financien');
    await page.close();
  });

  it('the team lead: reads the figures of the dossiers opened this month and exports them as CSV', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await page.getByRole('link', { name: 'Cijfers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cijfers' }).waitFor();
    const table = page.getByRole('table', { name: 'Dossiers geopend en afgesloten' });
    const row = table.getByRole('row', { name: new RegExp(`${month(today.slice(0, 7))}.*Leefloon`) });
    expect((await row.innerText()).split('\t').map((c) => c.trim()).slice(2)).toEqual(['1', '0']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Dossiers geopend en afgesloten als CSV downloaden' }).click()]);
    const csv = fs.readFileSync((await download.path())!).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toMatch(new RegExp(`${month(today.slice(0, 7))};Leefloon[^;]*;1;0`));
    await accessibleScreenshot(page, 'dag-teamverantwoordelijke');
    await page.close();
    expect(reference).toMatch(/^LL-/);
  });
});
