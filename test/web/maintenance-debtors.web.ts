import { accessibleScreenshot, browserSession } from '../support/browser';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The parties of a dossier and the maintenance debtors of placement costs in the browser (issue 15): the care home
 * found in the registry and linked, a son created as a private person and linked as maintenance debtor from the
 * dossier's page (a bad postal code answered in Dutch at its field, nothing stored), the inbox's task naming him, his
 * tax assessment recorded in euros, the contribution the BCSD is asked; and a link ended with "Niet langer betrokken".
 */
describe('parties and maintenance debtors (browser)', () => {
  const session = browserSession(['social-worker', 'council-secretary']);
  const today = todayInBrussels();

  it('links the care home and a new maintenance debtor from the dossier, then records his assessment from the inbox', async () => {
    const { sys, page } = session;
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Rosa', lastName: 'Bewoonster', address: { street: 'Lindelaan 4', postalCode: '9000', city: 'Gent' },
    });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'placement-costs', personId: person.body.id, requestDate: today });
    const dossierId = dossier.body.id as string;
    const careHome = await sys.http.post('/parties').set(sys.as('social-worker')).send({
      name: 'WZC De Linde', kind: 'care-home', iban: 'BE71 0961 2345 6769', address: { street: 'Lindelaan 1', postalCode: '9000', city: 'Gent' },
    });
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const section = page.getByRole('region', { name: 'Betrokken partijen' });
    const form = section.getByRole('form', { name: 'Partij koppelen' });

    // The care home from the registry, found by its name.
    await form.getByLabel('Zoek een partij (naam of ondernemingsnummer)').fill('Linde');
    await form.getByRole('button', { name: 'Zoeken' }).click();
    const existing = form.getByLabel('Bestaande partij');
    await existing.locator('option', { hasText: 'WZC De Linde (Woonzorgcentrum)' }).waitFor({ state: 'attached' });
    await existing.selectOption({ label: 'WZC De Linde (Woonzorgcentrum)' });
    await form.getByLabel('Rol in dit dossier *').selectOption({ label: 'Woonzorgcentrum' });
    await form.getByRole('button', { name: 'Koppelen' }).click();
    await section.getByText('Woonzorgcentrum: WZC De Linde').waitFor();

    // A new private person as maintenance debtor: a postal code of three digits is refused at its field, nothing stored.
    const newParty = form.getByRole('group', { name: 'Of een nieuwe partij' });
    await newParty.getByLabel('Naam', { exact: true }).fill('Karel Bewoonster');
    expect(await newParty.getByLabel('Soort').inputValue()).toBe('private-person');
    await newParty.getByLabel('Straat en nummer').fill('Kerkstraat 5');
    await newParty.getByLabel('Postcode').fill('905');
    await newParty.getByLabel('Gemeente').fill('Gentbrugge');
    await form.getByLabel('Rol in dit dossier *').selectOption({ label: 'Onderhoudsplichtige' });
    await form.getByRole('button', { name: 'Koppelen' }).click();
    await form.locator('#party-postalCode-error').filter({ hasText: /\S/ }).waitFor();
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM parties WHERE name = 'Karel Bewoonster'`)).rows[0].n).toBe(0);
    await newParty.getByLabel('Postcode').fill('9050');
    await form.getByRole('button', { name: 'Koppelen' }).click();
    await section.getByText('Onderhoudsplichtige: Karel Bewoonster').waitFor();
    const son = (await sys.db.query(`SELECT p.id, p.kind FROM parties p JOIN dossier_parties l ON l.party_id = p.id WHERE l.dossier_id = $1 AND l.role = 'maintenance-debtor'`, [dossierId])).rows;
    expect(son).toEqual([{ id: expect.any(String), kind: 'private-person' }]);
    await accessibleScreenshot(page, 'partijen-koppelen');

    // Competence, the inquiry (debtors to examine), the grant and its notification, through the API.
    const complete = async (kind: string, outcome: Record<string, unknown>) => {
      const task = await openTaskOf(sys, 'social-worker', dossierId, kind);
      expect((await sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome)).status).toBe(200);
    };
    await complete('competence-check', { situation: 'institution', institutionKind: 'care-home', registeredOnAdmission: '44021', competent: true, rule: 'institution' });
    await complete('placement-inquiry', {
      careHomePartyId: careHome.body.id, admittedOn: today, monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000, savingsCents: 100_000,
      couple: false, property: false, maintenanceDebtors: 'examine',
    });
    const place = await treatTodayAtExtraordinarySession(sys, dossierId);
    expect((await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 61_144, motivation: 'Onvoldoende inkomen.' })).status).toBe(200);
    await complete('decision-notification', { mode: 'against-receipt', date: today });
    await complete('maintenance-debtors', { note: 'Eén zoon, gekoppeld.' });

    // The inbox names the debtor the task is about; the assessment in euros.
    const title = 'Aanslagbiljet van een onderhoudsplichtige verwerken: Karel Bewoonster';
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM tasks WHERE dossier_id = $1 AND kind = 'maintenance-debtor-assessment'`, [dossierId])).rows[0]);
    await page.getByRole('link', { name: 'Mijn taken', exact: true }).click();
    await page.getByRole('link', { name: title }).click();
    const assessment = page.getByRole('form', { name: title });
    await assessment.getByLabel('Antwoord van de onderhoudsplichtige *').selectOption({ label: 'Aanslagbiljet ontvangen: bijdrage volgens de eenvormige schaal' });
    await assessment.getByLabel('Inkomstenjaar van het aanslagbiljet', { exact: false }).fill(String(Number(today.slice(0, 4)) - 1));
    await assessment.getByLabel('Netto belastbaar inkomen van dat jaar', { exact: false }).fill('40.000,00');
    await assessment.getByLabel('Aantal personen ten laste', { exact: false }).fill('1');
    await assessment.getByLabel('Toelichting (voor het BCSD) *').fill('Aanslagbiljet ontvangen per post.');
    await accessibleScreenshot(page, 'onderhoudsplichtige-aanslagbiljet');
    await assessment.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    const item = await eventually(async () => (await sys.db.query(`SELECT proposal FROM agenda_items WHERE dossier_id = $1 AND key LIKE 'maintenance-1:%'`, [dossierId])).rows[0]);
    expect(item.proposal).toMatchObject({ proposal: 'recover', amountCents: 10_000 });

    // The care home is no longer involved (say, it was the wrong one): the link ends and stays listed with its end.
    await page.reload();
    const parties = page.getByRole('region', { name: 'Betrokken partijen' });
    await parties.getByRole('listitem').filter({ hasText: 'WZC De Linde' }).getByRole('button', { name: 'Niet langer betrokken' }).click();
    await parties.getByRole('group', { name: 'WZC De Linde niet langer betrokken als woonzorgcentrum?' }).getByRole('button', { name: 'Niet langer betrokken' }).click();
    await parties.getByText('Woonzorgcentrum: WZC De Linde — beëindigd').waitFor();
  });
});
