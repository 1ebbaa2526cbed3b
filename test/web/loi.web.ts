import type { Browser } from 'playwright-core';
import { startTestSystem, TestSystem } from '../support/system';
import { accessibleScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { eventually } from '../support/temporal';
import { addDays } from '../../libs/deadlines/calendar-date';
import { todayInBrussels } from '../support/factories';
import { dateLong, dateTime } from '../../apps/web/src/format';

/**
 * The LOI screen (browser): the team lead adds a place, sees the occupancy of a past month — a household occupying three
 * of its four beds for part of the month, a suspended period — and form I of that month from the same place-days.
 */
describe('the Opvang (LOI) screen (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('shows the occupancy of the places and the monthly claim; the team lead adds a place', async () => {
    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.goto(`${sys.baseUrl}/app/loi`);
    await lead.getByRole('heading', { name: 'Opvangplaatsen (LOI)', level: 1 }).waitFor();
    // The occupancy and the claim load after the heading and push the form down: wait for them as a person would
    // (a click during that shift landed beside the button once in CI, and the check never ran).
    await lead.getByRole('heading', { name: /^Bezetting in /, level: 2 }).waitFor();
    await lead.getByRole('heading', { name: /^Maandelijkse aanvraag bij Fedasil/, level: 2 }).waitFor();
    const add = lead.getByRole('form', { name: 'Opvangplaats toevoegen' });
    await add.getByRole('button', { name: 'Plaats toevoegen' }).click();
    await add.getByRole('alert').getByText('Vul code, adres en het aantal bedden in.').waitFor();
    await add.getByLabel('Code', { exact: true }).fill('LOI-05');
    await add.getByLabel('Adres', { exact: true }).fill('Veldstraat 3, 9000 Gent');
    await add.getByLabel('Aantal bedden').fill('4');
    await add.getByLabel('In gebruik sinds').fill('2025-01-01');
    await add.getByRole('button', { name: 'Plaats toevoegen' }).click();
    await lead.getByRole('table', { name: /Plaatsdagen per opvangplaats/ }).getByRole('rowheader', { name: 'LOI-05' }).waitFor();

    // A household of three in March 2025 (1–10 March), then the place suspended 11–12 March, as the workflow records them.
    const [place] = (await sys.db.query(`SELECT id FROM loi_places WHERE code = 'LOI-05'`)).rows;
    const [person] = (await sys.db.query(
      `INSERT INTO persons (first_name, last_name, birth_date, street, postal_code, city, no_national_number_reason) VALUES ('Amina', 'Haidari', '1991-03-14', 'Markt 1', '9000', 'Gent', 'international-protection-applicant') RETURNING id`,
    )).rows;
    const [dossier] = (await sys.db.query(
      `INSERT INTO dossiers (id, reference, procedure, person_id, status, team, workflow_id, request_date, channel) VALUES (gen_random_uuid(), 'LOI-2025-000009', 'loi', $1, 'DEPARTED', 'demo', 'dossier-web-loi', '2025-03-01', 'third-party') RETURNING id`,
      [person.id],
    )).rows;
    await sys.db.query(`INSERT INTO loi_place_periods (place_id, state, from_date, to_date, dossier_id, persons) VALUES ($1, 'occupied', '2025-03-01', '2025-03-10', $2, 3)`, [place.id, dossier.id]);
    await sys.db.query(`INSERT INTO loi_place_periods (place_id, state, from_date, to_date, reason) VALUES ($1, 'suspended', '2025-03-11', '2025-03-12', 'Vertrekmelding te laat')`, [place.id]);

    await lead.getByLabel('Maand', { exact: true }).fill('2025-03');
    await lead.getByRole('button', { name: 'Maand opvragen' }).click();
    const totals = lead.getByRole('table', { name: 'Plaatsdagen per opvangplaats in maart 2025' });
    const row = totals.getByRole('row', { name: /LOI-05/ });
    await row.waitFor();
    // 31 days × 4 beds: occupied 3 × 10 = 30, suspended 4 × 2 = 8, free 124 − 38 = 86.
    expect((await row.getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual(['Veldstraat 3, 9000 Gent', '4', '30', '86', '8', '0']);
    const grid = lead.getByRole('table', { name: 'Bezette bedden per dag in maart 2025' });
    const cells = grid.getByRole('row', { name: /LOI-05/ }).getByRole('cell');
    expect(await cells.nth(0).textContent()).toBe('3/4');
    expect(await cells.nth(10).textContent()).toBe('G');
    expect(await cells.nth(12).textContent()).toBe('·');
    expect(await cells.nth(0).getAttribute('title')).toBe('1 maart 2025: 3 van 4 bezet');

    const claim = lead.getByRole('region', { name: 'Maandelijkse aanvraag bij Fedasil (formulier I) voor maart 2025' });
    const lines = claim.getByRole('table');
    expect((await lines.getByRole('row', { name: /^Bezet/ }).getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual(['30', '€ 40,00', '€ 1.200,00']);
    expect((await lines.getByRole('row', { name: /^Vrij/ }).getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual(['86', '€ 16,00', '€ 1.376,00']);
    await lines.getByRole('row', { name: /^Totaal/ }).getByText('€ 2.576,00').waitFor();
    expect(await claim.getByRole('link', { name: 'Formulier I van maart 2025 als CSV downloaden' }).getAttribute('href')).toBe('/loi/claims/2025-03?format=csv');
    await accessibleScreenshot(lead, 'loi-occupancy');
    await lead.close();

    // A social worker reads it, without the form to add a place.
    const worker = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await worker.goto(`${sys.baseUrl}/app/loi`);
    await worker.getByRole('heading', { name: 'Opvangplaatsen (LOI)', level: 1 }).waitFor();
    await worker.getByRole('heading', { name: /Bezetting in/ }).waitFor();
    expect(await worker.getByRole('form', { name: 'Opvangplaats toevoegen' }).count()).toBe(0);
    await worker.close();
  });

  it('opens an LOI dossier from Fedasil\'s assignment on the Intake screen, for an applicant without a national number', async () => {
    const worker = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await worker.goto(`${sys.baseUrl}/app/intake`);
    const form = worker.getByRole('form', { name: 'Gebeurtenis die een dossier opent' });
    await form.getByLabel('Soort gebeurtenis *').selectOption({ label: 'Toewijzing door Fedasil (Lokaal opvanginitiatief (LOI))' });
    await form.getByLabel('Kenmerk van Fedasil *').fill('FED-2026-0077');
    await form.getByLabel('Code 207 (verplichte plaats van inschrijving) *').selectOption({ label: 'Ja' });
    await form.getByLabel('Datum van het verzoek om internationale bescherming *').fill('2026-01-05');
    await form.getByLabel('Aantal personen in het gezin *').fill('1');
    await form.getByLabel('Datum waarop het gebeurde *').fill('2026-02-02');
    await form.getByLabel('Kenmerk van de afzender (brief- of dossiernummer) *').fill('FED-2026-0077');
    await form.getByLabel('Een nieuwe persoon').check();
    await form.getByLabel('Reden zonder rijksregisternummer *').selectOption({ label: 'Verzoeker om internationale bescherming (nog geen BIS-nummer)' });
    await form.getByLabel('Geboortedatum *').fill('1994-08-21');
    for (const [label, value] of [['Voornaam *', 'Yonas'], ['Naam *', 'Tesfaye'], ['Straat en nummer *', 'Kerkstraat 4'], ['Postcode *', '9000'], ['Gemeente *', 'Gent']]) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await form.getByRole('button', { name: 'Dossier openen' }).click();
    await worker.waitForURL('**/app/dossiers/*');
    await worker.getByText(/^Yonas Tesfaye · Lokaal opvanginitiatief \(LOI\) · status/).waitFor();
    // The workflow reads the assignment: the status becomes "Toegewezen door Fedasil", the intake task is in the inbox.
    const id = worker.url().split('/').pop()!;
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.status === 'ASSIGNED' ? true : undefined));
    await worker.reload();
    await worker.getByText(/^Yonas Tesfaye · Lokaal opvanginitiatief \(LOI\) · status Toegewezen door Fedasil/).waitFor();
    await worker.close();
  });

  it('shows the households, the Match-IT declarations waiting and the evaluations due, from an assignment and an arrival (the place picked from a list) the workflow handled', async () => {
    const as = (user: string) => sys.as(user);
    const assignedOn = addDays(todayInBrussels(), -2);
    const address = { street: 'Stationsstraat 12', postalCode: '9000', city: 'Gent' };
    const place = (await sys.http.post('/loi/places').set(as('team-lead')).send({ code: 'LOI-07', address: 'Molenstraat 7, 9000 Gent', capacity: 4, target: 'family', openedOn: '2024-01-01' })).body;
    const opened = await sys.http.post('/intake/events').set(as('social-worker')).send({
      procedure: 'loi', type: 'fedasil-assignment', occurredOn: assignedOn, reference: 'FED-2026-0101',
      data: { fedasilReference: 'FED-2026-0101', code207: true, asylumAppliedOn: addDays(assignedOn, -40), householdSize: 2 },
      person: { noNationalNumberReason: 'unknown', firstName: 'Leila', lastName: 'Karimi', birthDate: '1990-05-20', address },
    });
    expect(opened.status).toBe(201);
    const dossierId = opened.body.dossierId as string;
    const child = await sys.http.post('/persons').set(as('social-worker')).send({ noNationalNumberReason: 'unknown', firstName: 'Sina', lastName: 'Karimi', birthDate: '2018-02-01', address });
    expect((await sys.http.post(`/dossiers/${dossierId}/persons`).set(as('social-worker')).send({ personId: child.body.id, role: 'child', fromDate: assignedOn })).status).toBe(201);
    const task = await eventually(async () => (await sys.http.get('/tasks').set(as('social-worker'))).body.items.find((t: { dossierId: string; kind: string }) => t.dossierId === dossierId && t.kind === 'loi-intake'));
    // The social worker completes the intake in the browser: the place is picked from the LOI's places, not typed as an id.
    const worker = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await worker.goto(`${sys.baseUrl}/app/taken/${task.id}`);
    const form = worker.getByRole('form', { name: /Onthaal in het LOI/ });
    const placeField = form.getByLabel('Opvangplaats *');
    await placeField.locator('option', { hasText: 'LOI-07' }).waitFor({ state: 'attached' });
    expect(await placeField.locator('option').allTextContents()).toContain('LOI-07, Molenstraat 7, 9000 Gent (4 van 4 bedden vrij vandaag)');
    await placeField.selectOption({ label: 'LOI-07, Molenstraat 7, 9000 Gent (4 van 4 bedden vrij vandaag)' });
    await form.getByLabel('Dag van aankomst *').fill(assignedOn);
    await form.getByLabel('Huishoudelijk reglement overhandigd (art. 14 Opvangwet) *').selectOption({ label: 'Ja' });
    await form.getByLabel('Onthaalbrochure overhandigd (art. 14 Opvangwet) *').selectOption({ label: 'Ja' });
    await form.getByLabel('Ingeschreven in het wachtregister op *').fill(assignedOn);
    await form.getByLabel('Kookt het gezin zelf? *').selectOption({ label: 'Ja, zelf kokend' });
    await form.getByLabel('Uitbetaling van het leefgeld *').selectOption({ label: 'Contant tegen ontvangstbewijs' });
    await form.getByRole('button', { name: 'Afronden' }).click();
    await worker.waitForURL(`**/app/dossiers/${dossierId}`);
    await worker.close();
    expect((await sys.db.query(`SELECT outcome->>'placeId' AS place_id FROM tasks WHERE id = $1`, [task.id])).rows[0].place_id).toBe(place.id);
    const clock = await eventually(async () => (await sys.db.query(`SELECT due_at FROM deadlines WHERE dossier_id = $1 AND key = 'match-it-arrival'`, [dossierId])).rows[0]);
    const evaluation = await eventually(async () => (await sys.db.query(`SELECT t.due_date::text AS due_date, u.display_name FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id WHERE t.dossier_id = $1 AND t.kind = 'loi-evaluation'`, [dossierId])).rows[0]);
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM partner_messages WHERE dossier_id = $1 AND kind = 'match-it-arrival'`, [dossierId])).rows[0]);
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM loi_place_periods WHERE dossier_id = $1`, [dossierId])).rows[0]);
    const reference = (await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'))).body.reference as string;
    const ageOf = (birth: string) => { const today = todayInBrussels(); const y = Number(today.slice(0, 4)) - Number(birth.slice(0, 4)); return today.slice(5) < birth.slice(5) ? y - 1 : y; };

    const lead = await signedInPage(browser, sys.baseUrl, 'team-lead');
    await lead.goto(`${sys.baseUrl}/app/loi`);
    const residents = lead.getByRole('table', { name: 'De gezinnen in het LOI met hun opvangplaats' });
    const row = residents.getByRole('row', { name: new RegExp(`Leila Karimi \\(${ageOf('1990-05-20')} jaar\\)`) });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual([
      reference, `Kind: Sina Karimi (${ageOf('2018-02-01')} jaar)`, `LOI-07 sinds ${dateLong(assignedOn)}`, 'Verblijft in het LOI',
    ]);
    const declarations = lead.getByRole('table', { name: /^Aankomst- en vertrekmeldingen/ });
    const declared = declarations.getByRole('row', { name: /Aankomst/ }).filter({ hasText: reference });
    const cells = (await declared.getByRole('cell').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 2)).toEqual([reference, dateLong(assignedOn)]);
    expect(cells[2].startsWith(`vóór ${dateTime(clock.due_at)}`)).toBe(true);
    expect(cells[2].endsWith('te laat')).toBe(new Date(clock.due_at).getTime() < Date.now());
    const evaluations = lead.getByRole('table', { name: /^Evaluaties van de opvangbehoeften/ });
    const due = evaluations.getByRole('row', { name: /Leila Karimi/ });
    expect((await due.getByRole('cell').allTextContents()).map((c) => c.trim())).toEqual([reference, 'Eerste evaluatie', dateLong(evaluation.due_date), evaluation.display_name ?? 'nog niet toegewezen']);
    await accessibleScreenshot(lead, 'loi-residents');
    // The coordinator gives notice on the place (LOI-7): the occupancy names its last day and links the letter to Fedasil.
    const closing = await sys.http.post(`/loi/places/${place.id}/closure`).set(as('team-lead')).send({ noticeOn: todayInBrussels() });
    expect(closing.status).toBe(201);
    await lead.reload();
    const placeRow = lead.getByRole('table', { name: /Plaatsdagen per opvangplaats/ }).getByRole('row', { name: /LOI-07/ });
    await placeRow.getByText(`laatste dag ${dateLong(closing.body.closesOn)} (opgezegd, LOI-7)`, { exact: false }).waitFor();
    expect(await placeRow.getByRole('link', { name: 'Opzeggingsbrief aan Fedasil voor LOI-07 (PDF)' }).getAttribute('href')).toBe(`/loi/places/${place.id}/closure/letter`);
    // The dossier link leads to the dossier.
    await residents.getByRole('link', { name: reference }).click();
    await lead.waitForURL(`**/app/dossiers/${dossierId}`);
    await lead.close();
  });
});
