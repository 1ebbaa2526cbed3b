import { formatMonthNl } from '../../libs/format/dutch';
import { accessibleScreenshot, browserSession, openRequestInBrowser, timelineShows } from '../support/browser';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { outcomes, todayInBrussels } from '../support/factories';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * Placement costs in the browser (issue 15): opened from "Nieuwe aanvraag" by its Dutch title, the inquiry rendered
 * from its outcome schema (the care home picked among the dossier's parties, the amounts in euros, the choices in
 * Dutch), the proposal the system computes on the timeline; after the grant, the care home's invoice recorded as an
 * event from outside (the month as a month, the amount in euros) and its settlement on the timeline.
 */
describe('placement costs (browser)', () => {
  const session = browserSession(['social-worker', 'council-secretary']);
  const today = todayInBrussels();

  it('opens a request from "Nieuwe aanvraag", records the inquiry in euros, shows the proposal, and settles an invoice recorded in the browser', async () => {
    const { sys, page } = session;
    const dossierId = await openRequestInBrowser(page, {
      procedure: 'Tussenkomst in de verblijfskosten (woonzorgcentrum)', button: 'Aanvraag tussenkomst in de verblijfskosten openen', birthDate: '1936-05-02', firstName: 'Godelieve', lastName: 'Rusthuis', street: 'Zorgstraat 2',
    });

    // The care home, registered (with its account) and linked to the dossier.
    const party = await sys.http.post('/parties').set(sys.as('social-worker')).send({
      name: 'WZC De Linde', kind: 'care-home', iban: 'BE71 0961 2345 6769', address: { street: 'Lindelaan 1', postalCode: '9000', city: 'Gent' },
    });
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(sys.as('social-worker')).send({ partyId: party.body.id, role: 'care-home' })).status).toBe(201);
    const check = await openTaskOf(sys, 'social-worker', dossierId, 'competence-check');
    expect((await sys.http.post(`/tasks/${check.id}/complete`).set(sys.as('social-worker')).send(outcomes.competent)).status).toBe(200);

    const inquiry = await openTaskOf(sys, 'social-worker', dossierId, 'placement-inquiry');
    await page.goto(`${sys.baseUrl}/app/taken/${inquiry.id}`);
    const form = page.getByRole('form', { name: 'Onderzoek tussenkomst in de verblijfskosten (woonzorgcentrum)' });
    const careHome = form.getByLabel('Woonzorgcentrum (partij van het dossier)', { exact: false });
    await careHome.locator('option', { hasText: 'WZC De Linde' }).waitFor({ state: 'attached' });
    await careHome.selectOption({ label: (await careHome.locator('option', { hasText: 'WZC De Linde' }).textContent())! });
    await form.getByLabel('Opgenomen in het woonzorgcentrum op *').fill(today);
    await form.getByLabel('Inkomen van de bewoner per maand', { exact: false }).fill('1.600,00');
    await form.getByLabel('Verwachte factuur van het woonzorgcentrum per maand', { exact: false }).fill('2.100,00');
    await form.getByLabel('Spaargelden', { exact: false }).fill('1.000,00');
    await form.getByLabel('Gehuwd of wettelijk samenwonend (het plafond van een koppel)? *').selectOption({ label: 'Nee' });
    await form.getByLabel('Onroerend goed (ook verkocht in de laatste tien jaar)? *').selectOption({ label: 'Nee' });
    const debtors = form.getByLabel('Onderhoudsplichtigen (art. 98 §2 OCMW-wet) *');
    expect(await debtors.locator('option').allTextContents()).toEqual(['— kies —', 'Geen', 'Bijdrage onderzoeken (aanslagbiljetten opvragen)', 'Het OCMW ziet af van de terugvordering']);
    await debtors.selectOption({ label: 'Het OCMW ziet af van de terugvordering' });
    await accessibleScreenshot(page, 'verblijfskosten-onderzoek');
    await form.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    await page.getByText('Voorstel: toekennen. Tussenkomst van ongeveer € 611,44 per maand', { exact: false }).first().waitFor();
    const task = (await sys.db.query(`SELECT outcome FROM tasks WHERE id = $1`, [inquiry.id])).rows[0];
    expect(task.outcome).toMatchObject({ careHomePartyId: party.body.id, monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000, savingsCents: 100_000, maintenanceDebtors: 'waived' });

    // The BCSD grants it today; the letter is delivered against receipt.
    const place = await treatTodayAtExtraordinarySession(sys, dossierId);
    expect((await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 61_144, motivation: 'Onvoldoende inkomen.' })).status).toBe(200);
    const notification = await openTaskOf(sys, 'social-worker', dossierId, 'decision-notification');
    expect((await sys.http.post(`/tasks/${notification.id}/complete`).set(sys.as('social-worker')).send({ mode: 'against-receipt', date: today })).status).toBe(200);
    await eventually(async () => ((await sys.http.get(`/dossiers/${dossierId}`).set(sys.as('social-worker'))).body.status === 'PLACEMENT_RUNNING' ? true : undefined));

    // The care home's invoice, recorded in the browser: the month as a month, the amount in euros.
    await page.reload();
    const section = page.getByRole('region', { name: 'Gebeurtenissen van buitenaf' });
    await section.getByText('Nog geen gebeurtenissen van buitenaf.').waitFor();
    await section.getByLabel('Soort gebeurtenis *').selectOption({ label: 'Factuur van het woonzorgcentrum' });
    const month = section.getByLabel('Maand van de factuur *');
    expect(await month.getAttribute('type')).toBe('month');
    await month.fill(today.slice(0, 7));
    await section.getByLabel('Bedrag van de factuur', { exact: false }).fill('2.100,00');
    await section.getByLabel('Factuurnummer *').fill('LINDE-2026-118');
    await section.getByLabel('Datum waarop het gebeurde *').fill(today);
    await section.getByRole('button', { name: 'Gebeurtenis registreren' }).click();
    await page.getByRole('status').getByText('Gebeurtenis geregistreerd.').waitFor();
    const settled = `Factuur voor ${formatMonthNl(today.slice(0, 7))} (factuur LINDE-2026-118, € 2.100,00) afgerekend`;
    await timelineShows(page, settled);
    const paid = (await sys.db.query(`SELECT kind, amount_cents, debt_ref, payee_party_id FROM payments WHERE dossier_id = $1`, [dossierId])).rows;
    expect(paid).toEqual([{ kind: 'invoice', amount_cents: 61_144, debt_ref: 'LINDE-2026-118', payee_party_id: party.body.id }]);
    await accessibleScreenshot(page, 'verblijfskosten-factuur');

    // The person's page lists the dossier with its Dutch title.
    const personId = (await sys.db.query(`SELECT person_id FROM dossiers WHERE id = $1`, [dossierId])).rows[0].person_id;
    await page.goto(`${sys.baseUrl}/app/clienten/${personId}`);
    await page.getByText('Tussenkomst in de verblijfskosten (woonzorgcentrum)', { exact: false }).first().waitFor();
  });
});
