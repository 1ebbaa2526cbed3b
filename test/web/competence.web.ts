import type { Browser } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { addWorkingDays } from '../../libs/deadlines/holidays';
import { formatDateNl } from '../../libs/format/dutch';
import { accessibleScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { outcomes, todayInBrussels } from '../support/factories';
import { eventually } from '../support/temporal';
import { startTestSystem, TestSystem } from '../support/system';
import { openDossierWithoutNationalNumber, openLeefloonDossier, openTaskOf } from '../support/task-flow';

/**
 * The guided competence check in the browser (issue 14): the situation shows its own facts, the municipalities are
 * picked from the OCMW directory, the answer of the Wet 1965 appears as the facts are typed and is taken over into the
 * form; the dossier then says which OCMW is competent and why.
 */
describe('the competence check (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead']);
    dossierId = await openLeefloonDossier(sys, 'social-worker', todayInBrussels(), { nn: 1, firstName: 'Lotte', lastName: 'Claes' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('asks the facts of the situation, explains the competent OCMW live, takes it over, and the dossier keeps the reasoning', async () => {
    const task = await openTaskOf(sys, 'social-worker', dossierId, 'competence-check');
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/taken/${task.id}`);
    const form = page.getByRole('form', { name: 'Territoriale bevoegdheid nagaan' });
    const explanation = form.getByRole('region', { name: 'Bevoegdheid volgens de Wet van 2 april 1965' });
    await explanation.getByText('Kies de situatie en vul de feiten in: het bevoegde OCMW verschijnt hier.').waitFor();
    // Only the situation's own facts are asked: nothing of an institution before the situation says so.
    expect(await form.getByLabel('Soort instelling', { exact: false }).count()).toBe(0);
    await form.getByLabel('Situatie op de datum van de aanvraag').selectOption({ label: 'Verblijft in een instelling' });
    await form.getByLabel('Soort instelling *').selectOption({ label: 'Erkend woonzorgcentrum of rusthuis' });
    await explanation.getByText('Met deze feiten is het bevoegde OCMW nog niet te bepalen.').waitFor();
    // The municipalities are picked from the directory by name (GET /ocmws).
    const admission = form.getByLabel('Ingeschreven bij de opname te');
    await admission.locator('option', { hasText: 'OCMW Leuven' }).waitFor({ state: 'attached' });
    expect(await admission.locator('option', { hasText: 'OCMW Gent' }).textContent()).toBe('OCMW Gent (NIS 44021) — dit OCMW');
    await admission.selectOption({ label: 'OCMW Leuven (NIS 24062)' });
    await explanation.getByText('Bevoegd is OCMW Leuven (art. 2 §1 Wet 2 april 1965).').waitFor();
    await explanation.getByText('Waarom dit OCMW?').click();
    expect(await explanation.locator('details ol li').last().textContent()).toBe('Bevoegd is OCMW Leuven, niet dit OCMW.');
    await accessibleScreenshot(page, 'bevoegdheid-uitleg');
    await explanation.getByRole('button', { name: 'Overnemen in het formulier' }).click();
    expect(await form.locator('#f-competent option:checked').textContent()).toBe('Nee, niet bevoegd');
    expect(await form.locator('#f-rule option:checked').textContent()).toBe('Opname in een instelling');
    expect(await form.getByLabel('Bevoegd OCMW *').inputValue()).toBe('OCMW Leuven');
    await form.getByLabel('Redenen van onbevoegdheid *').fill('Opgenomen in een woonzorgcentrum, bij de opname ingeschreven te Leuven.');
    await form.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    const competence = page.getByRole('region', { name: 'Bevoegdheid' });
    await competence.getByText('Bevoegd is OCMW Leuven (art. 2 §1 Wet 2 april 1965).').waitFor();
    await accessibleScreenshot(page, 'bevoegdheid-dossier');
    // The finished task rereads with the OCMWs by name, not their NIS codes.
    await page.goto(`${sys.baseUrl}/app/taken/${task.id}`);
    const outcome = page.getByRole('region', { name: 'Resultaat' });
    await outcome.getByText('OCMW Leuven (NIS 24062)').waitFor();
    expect(await outcome.getByText('24062', { exact: true }).count()).toBe(0);
    await page.close();
  });

  it('shows the team lead the requests received from another OCMW and the conflict to submit to POD MI, with its term', async () => {
    const arrived = addDays(todayInBrussels(), -1);
    const opened = await sys.http.post('/intake/events').set(sys.as('social-worker')).send({
      procedure: 'leefloon', type: 'request-forwarded-by-ocmw', occurredOn: arrived, reference: 'AALST-WEB-1',
      person: { firstName: 'Karim', lastName: 'Conflict', birthDate: '1985-05-05', noNationalNumberReason: 'bis-requested', address: { street: 'Dok 1', postalCode: '9000', city: 'Gent' } },
      data: { forwardingOcmw: 'OCMW Aalst', reasons: 'Verblijft in Gent.' },
    });
    expect(opened.status).toBe(201);
    const dossierId = opened.body.dossierId;
    const check = await openTaskOf(sys, 'social-worker', dossierId, 'competence-check');
    const declined = await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker'))
      .send({ competent: false, rule: 'usual-residence', competentOcmw: 'OCMW Antwerpen', reasons: 'Woont in Antwerpen.', situation: 'usual-residence', usualResidence: '11002' });
    expect(declined.status).toBe(200);
    await openTaskOf(sys, 'social-worker', dossierId, 'submit-competence-conflict');
    const reference = (await sys.http.get(`/dossiers/${dossierId}`).set(sys.as('social-worker'))).body.reference;
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.goto(`${sys.baseUrl}/app/team`);
    const view = lead.getByRole('region', { name: 'Bevoegdheid en terugbetaling door de Staat' });
    const received = view.getByRole('list', { name: 'Aanvragen ontvangen van een ander OCMW' });
    await received.getByText(`${reference} — van OCMW Aalst, ontvangen op ${formatDateNl(arrived)} — Bevoegdheidsconflict: voor te leggen aan de POD MI`).waitFor();
    const conflicts = view.getByRole('list', { name: 'Bevoegdheidsconflicten met de POD MI' });
    await conflicts.getByText(`${reference} — voor te leggen aan de POD MI — voorleggen uiterlijk ${formatDateNl(addWorkingDays(todayInBrussels(), 5))}`).waitFor();
    await conflicts.getByRole('link', { name: reference }).click();
    await lead.waitForURL(`**/app/dossiers/${dossierId}`);
    await accessibleScreenshot(lead, 'bevoegdheidsconflict-dossier');
    await lead.close();
  });

  it('forwards with the competent OCMW picked from the directory: both letters are made up, the chair\'s urgency offered', async () => {
    const other = await openDossierWithoutNationalNumber(sys, 'social-worker', {
      birthDate: '1991-06-02', firstName: 'Nina', lastName: 'Verhulst', address: { street: 'Veldstraat 1', postalCode: '9000', city: 'Gent' },
    });
    const check = await openTaskOf(sys, 'social-worker', other, 'competence-check');
    const checked = await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker')).send(outcomes.notCompetent);
    expect(checked.status).toBe(200);
    const task = await openTaskOf(sys, 'social-worker', other, 'forward-request');
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/taken/${task.id}`);
    const form = page.getByRole('form', { name: 'Aanvraag met redenen doorsturen naar het bevoegde OCMW' });
    // What the competence check found is taken over; the OCMW is picked from the directory by name.
    expect(await form.getByLabel('Doorgestuurd naar (OCMW) *').inputValue()).toBe('OCMW Antwerpen');
    expect(await form.getByLabel('Redenen *').inputValue()).toBe('Gewoonlijke verblijfplaats in Antwerpen');
    const pick = form.getByLabel('Bevoegd OCMW uit de lijst', { exact: false });
    await pick.locator('option', { hasText: 'OCMW Antwerpen' }).waitFor({ state: 'attached' });
    await pick.selectOption({ label: 'OCMW Antwerpen (NIS 11002)' });
    const who = form.getByLabel('Wie besliste over de onbevoegdheid?');
    expect(await who.locator('option').allTextContents()).toEqual(expect.arrayContaining([
      'De sociale dienst (maatschappelijk werker of teamverantwoordelijke)', 'De voorzitter bij dringendheid (te bekrachtigen door het volgende BCSD)',
    ]));
    await who.selectOption({ label: 'De sociale dienst (maatschappelijk werker of teamverantwoordelijke)' });
    await form.getByLabel('Datum van doorzending *').fill(todayInBrussels());
    await form.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${other}`);
    // The letter to Antwerpen (through the partner outbox) and the one to the applicant.
    const letters = await eventually(async () => {
      const rows = (await sys.db.query(`SELECT key FROM notices WHERE dossier_id = $1 AND key LIKE 'forwarding-%' ORDER BY key`, [other])).rows as { key: string }[];
      return rows.length === 2 ? rows.map((r) => r.key) : undefined;
    });
    expect(letters).toEqual(['forwarding-applicant', 'forwarding-ocmw']);
    const [message] = (await sys.db.query(`SELECT partner, partner_ref FROM partner_messages WHERE dossier_id = $1 AND kind = 'forwarding'`, [other])).rows;
    expect(message).toEqual({ partner: 'ocmw', partner_ref: '11002' });
    await page.close();
  });

  it('says in Dutch why a contradicting answer is refused, and keeps what was typed', async () => {
    const other = await openLeefloonDossier(sys, 'social-worker', todayInBrussels(), { nn: 2, firstName: 'Bram', lastName: 'Wouters' });
    const task = await openTaskOf(sys, 'social-worker', other, 'competence-check');
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/taken/${task.id}`);
    const form = page.getByRole('form', { name: 'Territoriale bevoegdheid nagaan' });
    await form.getByLabel('Situatie op de datum van de aanvraag').selectOption({ label: 'Dakloos' });
    const stay = form.getByLabel('Feitelijke verblijfplaats (gemeente) *');
    await stay.locator('option', { hasText: 'OCMW Brugge' }).waitFor({ state: 'attached' });
    await stay.selectOption({ label: 'OCMW Brugge (NIS 31005)' });
    // The social worker answers "yes" against the facts: the API refuses, the form says why in Dutch.
    await form.getByLabel('Is dit OCMW bevoegd? *').selectOption({ label: 'Ja, bevoegd' });
    await form.getByLabel('Toegepaste regel (Wet 1965) *').selectOption({ label: 'Dakloos' });
    await form.getByRole('button', { name: 'Afronden' }).click();
    await form.getByText('Dit klopt niet met de feiten: de Wet van 2 april 1965 beslist anders (zie de uitleg onder het formulier).').waitFor();
    expect(await stay.inputValue()).toBe('31005');
    expect(page.url()).toContain(`/app/taken/${task.id}`);
    await page.close();
  });
});
