import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { accessibleScreenshot, signedInPage, launchBrowser } from '../support/browser';
import { todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };

/** A valid national number of someone born on 1 January 1980 (before 2000: the check digits of the first nine). */
function nationalNumber(seq: number): string {
  const base = `800101${String(seq).padStart(3, '0')}`;
  return `${base}${String(97 - (Number(base) % 97)).padStart(2, '0')}`;
}

/**
 * What arrived from outside, recorded by a social worker in the browser (no partner logs in): an event in a dossier,
 * an intake that opens one, an import file; and the household and links of a dossier changed on its screen.
 */
describe('events from outside, intake and the household in the browser', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  // Dates relative to the day the file runs: never a fixed "today".
  const today = todayInBrussels();
  const lastWeek = addDays(today, -7);
  let els: { id: string };
  let tom: { id: string };
  let dossier: { id: string; reference: string };
  let other: { id: string; reference: string };

  const post = async (url: string, body: object) => {
    const res = await sys.http.post(url).set(sys.as('social-worker')).send(body);
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary']);
    els = await post('/persons', { nationalNumber: nationalNumber(1), firstName: 'Els', lastName: 'Maes', address });
    tom = await post('/persons', { nationalNumber: nationalNumber(2), firstName: 'Tom', lastName: 'Maes', address });
    dossier = await post('/dossiers', { procedure: 'leefloon', personId: els.id, requestDate: addDays(today, -10) });
    other = await post('/dossiers', { procedure: 'leefloon', personId: tom.id, requestDate: addDays(today, -10) });
    browser = await launchBrowser();
    page = await login('social-worker');
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  const shot = (name: string, on: Page = page) => accessibleScreenshot(on, name);
  const events = async (id: string) => (await sys.http.get(`/dossiers/${id}/events`).set(sys.as('social-worker'))).body.items as { reference: string }[];

  it('records an event from outside in a dossier: the form from its schema, the errors in Dutch, then the list and the timeline', async () => {
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossier.id}`);
    const section = page.getByRole('region', { name: 'Gebeurtenissen van buitenaf' });
    await section.getByText('Nog geen gebeurtenissen van buitenaf.').waitFor();
    await section.getByLabel('Soort gebeurtenis *').selectOption({ label: 'Nieuw feit gemeld' });
    // The data's fields come from the event kind's schema (GET /procedures), with their Dutch titles and choices.
    await section.getByLabel('Soort feit *').selectOption({ label: 'Inkomsten' });
    await section.getByLabel('Datum waarop het gebeurde *').fill(addDays(today, 3));
    await section.getByLabel('Kenmerk van de afzender', { exact: false }).fill('BRF-2026-17');
    // The browser would ask for the description itself; without that check the API's error shows next to the field.
    await section.getByLabel('Omschrijving *').evaluate((input) => input.removeAttribute('required'));
    await section.getByRole('button', { name: 'Gebeurtenis registreren' }).click();
    await page.locator('#ev-occurredOn-error').getByText('Deze datum ligt in de toekomst.').waitFor();
    // The data is checked against its kind's schema once the request itself is valid.
    await section.getByLabel('Datum waarop het gebeurde *').fill(lastWeek);
    await section.getByRole('button', { name: 'Gebeurtenis registreren' }).click();
    await page.locator('#ev-data-description-error').getByText('Dit veld is verplicht.').waitFor();
    expect(await page.locator('#ev-occurredOn-error').textContent()).toBe('');
    expect(await events(dossier.id)).toEqual([]); // refused: nothing stored
    await shot('10-gebeurtenis-geweigerd');

    await section.getByLabel('Omschrijving *').fill('Werkt sinds maandag halftijds als poetshulp.');
    await section.getByRole('button', { name: 'Gebeurtenis registreren' }).click();
    await page.getByRole('status').getByText('Gebeurtenis geregistreerd.').waitFor();
    const item = page.getByRole('region', { name: 'Gebeurtenissen van buitenaf' }).getByText(`Nieuw feit gemeld — ${formatDateNl(lastWeek)} — kenmerk BRF-2026-17 —`);
    await item.waitFor();
    expect(await events(dossier.id)).toHaveLength(1);
    // The workflow writes the timeline entry once it received the event; the list then says it was received.
    const entry = `Nieuw feit gemeld op ${formatDateNl(lastWeek)} (kenmerk BRF-2026-17)`;
    for (let i = 0; i < 40 && !(await page.getByRole('region', { name: 'Tijdlijn' }).getByText(entry).count()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    await page.getByRole('region', { name: 'Tijdlijn' }).getByText(entry).waitFor();
    await page.getByText(`Nieuw feit gemeld — ${formatDateNl(lastWeek)} — kenmerk BRF-2026-17 — ontvangen door het dossier`).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/new-fact-reported|delivered|pending|income/);

    // The same letter again is one event: said so, nothing added.
    const again = page.getByRole('region', { name: 'Gebeurtenissen van buitenaf' });
    await again.getByLabel('Soort gebeurtenis *').selectOption({ label: 'Nieuw feit gemeld' });
    await again.getByLabel('Soort feit *').selectOption({ label: 'Inkomsten' });
    await again.getByLabel('Omschrijving *').fill('Werkt sinds maandag halftijds als poetshulp.');
    await again.getByLabel('Datum waarop het gebeurde *').fill(lastWeek);
    await again.getByLabel('Kenmerk van de afzender', { exact: false }).fill('BRF-2026-17');
    await again.getByRole('button', { name: 'Gebeurtenis registreren' }).click();
    await page.getByText('Deze gebeurtenis (kenmerk BRF-2026-17) was al geregistreerd: er is niets veranderd.').waitFor();
    expect(await events(dossier.id)).toHaveLength(1);
    await shot('11-gebeurtenis-geregistreerd');
  });

  it('adds a household member found by national number, in a Dutch role from a date, and ends the membership after a confirmation', async () => {
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossier.id}`);
    const household = page.getByRole('region', { name: 'Gezin' });
    await household.getByText('Aanvrager: Els Maes').waitFor();
    const form = household.getByRole('form', { name: 'Gezinslid toevoegen' });
    await form.getByLabel('Rijksregisternummer of BIS-nummer van het gezinslid *').fill(nationalNumber(2));
    await form.getByRole('button', { name: 'Persoon zoeken' }).click();
    await form.getByText('Gevonden: Tom Maes').waitFor();
    await form.getByLabel('Rol in het gezin *').selectOption({ label: 'Partner' });
    await form.getByLabel('Vanaf (leeg: vandaag)').fill('2026-03-01');
    await form.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await page.getByText('Tom Maes toegevoegd als partner.').waitFor();
    await page.getByRole('region', { name: 'Gezin' }).getByText('Partner: Tom Maes (vanaf 1 maart 2026)').waitFor();
    await page.getByRole('region', { name: 'Tijdlijn' }).getByText('Tom Maes toegevoegd als partner (vanaf 1 maart 2026)').waitFor();

    await page.getByRole('button', { name: 'Beëindigen: Tom Maes' }).click();
    const confirm = page.getByRole('group', { name: 'Tom Maes niet langer als partner in dit dossier opnemen?' });
    await confirm.getByLabel('Tot en met (leeg: vandaag)').fill('2026-02-01');
    await shot('12-gezinslid-beeindigen');
    await confirm.getByRole('button', { name: 'Lidmaatschap beëindigen' }).click();
    await confirm.getByText('Deze datum ligt voor het begin van het lidmaatschap.').waitFor();
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    expect(await page.getByRole('group', { name: /niet langer/ }).count()).toBe(0);
    // Keyboard: the focus is back on the button that asked.
    expect(await page.getByRole('button', { name: 'Beëindigen: Tom Maes' }).evaluate((b) => b.ownerDocument.activeElement === b)).toBe(true);
    const members = async () => (await sys.http.get(`/dossiers/${dossier.id}/persons`).set(sys.as('social-worker'))).body.items as { role: string; endedAt: string | null }[];
    expect((await members()).find((m) => m.role === 'partner')?.endedAt).toBeNull(); // cancelled: still a member

    await page.getByRole('button', { name: 'Beëindigen: Tom Maes' }).click();
    await page.getByRole('group', { name: /Tom Maes niet langer/ }).getByLabel('Tot en met (leeg: vandaag)').fill('2026-04-30');
    await page.getByRole('button', { name: 'Lidmaatschap beëindigen' }).click();
    await page.getByText('Tom Maes is niet langer partner in dit dossier.').waitFor();
    await page.getByRole('region', { name: 'Gezin' }).getByText('Partner: Tom Maes (vanaf 1 maart 2026 tot 30 april 2026) — beëindigd').waitFor();
    expect(await page.getByRole('button', { name: 'Beëindigen: Tom Maes' }).count()).toBe(0);
    expect((await members()).find((m) => m.role === 'partner')?.endedAt).not.toBeNull();
  });

  it('links another dossier by its reference with a reason, and ends that link after a confirmation', async () => {
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossier.id}`);
    const form = page.getByRole('form', { name: 'Dossier koppelen' });
    await form.getByLabel('Kenmerk van het andere dossier *').fill('LL-1999-000001');
    await form.getByLabel('Reden van de koppeling *').fill('Dossier van de partner');
    await form.getByRole('button', { name: 'Dossier koppelen' }).click();
    await form.getByText('Geen dossier van uw team met dit kenmerk.').waitFor();
    await form.getByLabel('Kenmerk van het andere dossier *').fill(other.reference.toLowerCase());
    await form.getByRole('button', { name: 'Dossier koppelen' }).click();
    await page.getByText(`Gekoppeld aan dossier ${other.reference}.`).waitFor();
    const links = page.getByRole('region', { name: 'Gekoppelde dossiers' });
    await links.getByText(/Verwant dossier: .* · Leefloon \(RMI-wet\) · .* — Dossier van de partner/).waitFor();
    await links.getByRole('button', { name: `Koppeling beëindigen: ${other.reference}` }).click();
    await links.getByRole('group', { name: `De koppeling met dossier ${other.reference} beëindigen?` }).getByRole('button', { name: 'Koppeling beëindigen' }).click();
    await page.getByText(`De koppeling met dossier ${other.reference} is beëindigd.`).waitFor();
    await page.getByRole('region', { name: 'Gekoppelde dossiers' }).getByText(/Dossier van de partner — beëindigd/).waitFor();
  });

  it('opens a dossier from an intake for a new person, registered as the new request registers one, and for a registered one', async () => {
    await page.getByRole('link', { name: 'Intake' }).click();
    await page.waitForURL('**/app/intake');
    const form = page.getByRole('form', { name: 'Gebeurtenis die een dossier opent' });
    // Only the kinds that open a dossier: a forwarded request (for each procedure that takes one) and Fedasil's assignment to the LOI.
    // The kinds arrive with GET /procedures: wait for the last one before reading the list (allTextContents does not wait).
    await form.getByLabel('Soort gebeurtenis *').locator('option', { hasText: '(Tussenkomst in de verblijfskosten (woonzorgcentrum))' }).waitFor({ state: 'attached' });
    expect(await form.getByLabel('Soort gebeurtenis *').locator('option').allTextContents()).toEqual([
      '— kies een soort —', 'Aanvraag doorgestuurd door een ander OCMW (Leefloon (RMI-wet))',
      'Aanvraag doorgestuurd door een ander OCMW (Maatschappelijke dienstverlening (OCMW-wet))',
      'Aanvraag doorgestuurd door een ander OCMW (Schuldbemiddeling en budgetbegeleiding (OCMW-wet))',
      'Toewijzing door Fedasil (Lokaal opvanginitiatief (LOI))',
      'Aanvraag doorgestuurd door een ander OCMW (Verwarmingstoelage (Sociaal Verwarmingsfonds))',
      'Aanvraag doorgestuurd door een ander OCMW (Voorschot op een sociale uitkering)',
      'Aanvraag doorgestuurd door een ander OCMW (Huurwaarborg)',
      'Aanvraag doorgestuurd door een ander OCMW (Tussenkomst in de verblijfskosten (woonzorgcentrum))',
    ]);
    const fillForwarded = async (reference: string) => {
      await form.getByLabel('Soort gebeurtenis *').selectOption({ label: 'Aanvraag doorgestuurd door een ander OCMW (Leefloon (RMI-wet))' });
      await form.getByLabel('Doorsturend OCMW *').fill('OCMW Aalst');
      await form.getByLabel('Redenen van onbevoegdheid van het doorsturende OCMW *').fill('Gewoonlijke verblijfplaats in Gent.');
      await form.getByLabel('Datum waarop het gebeurde *').fill(lastWeek);
      await form.getByLabel('Kenmerk van de afzender (brief- of dossiernummer) *').fill(reference);
    };
    await fillForwarded('AALST-2026-0042');
    await form.getByLabel('Een nieuwe persoon').check();
    await form.getByLabel('Rijksregisternummer of BIS-nummer', { exact: true }).fill(nationalNumber(3));
    for (const [label, value] of [['Voornaam *', 'Noor'], ['Naam *', 'Peeters'], ['Straat en nummer *', 'Markt 1'], ['Postcode *', '9000'], ['Gemeente *', 'Gent']]) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    // A date in the future is refused next to its field, in Dutch, and nothing opens.
    await form.getByLabel('Datum waarop het gebeurde *').fill(addDays(today, 2));
    await form.getByRole('button', { name: 'Dossier openen' }).click();
    await page.locator('#in-occurredOn-error').getByText('Deze datum ligt in de toekomst.').waitFor();
    expect(page.url()).toContain('/app/intake');
    await form.getByLabel('Datum waarop het gebeurde *').fill(lastWeek);
    await shot('13-intake');
    await form.getByRole('button', { name: 'Dossier openen' }).click();
    await page.waitForURL('**/app/dossiers/*');
    await page.getByText(/^Noor Peeters · Leefloon \(RMI-wet\) · status/).waitFor();
    await page.getByText(`Aanvraag doorgestuurd door een ander OCMW — ${formatDateNl(lastWeek)} — kenmerk AALST-2026-0042 —`).waitFor();

    const lien = await post('/persons', { nationalNumber: nationalNumber(4), firstName: 'Lien', lastName: 'Claes', address });
    await page.goto(`${sys.baseUrl}/app/intake`);
    await fillForwarded('AALST-2026-0043');
    await form.getByRole('button', { name: 'Dossier openen' }).click();
    await form.getByText('Zoek eerst de persoon op, of kies een nieuwe persoon.').waitFor();
    await form.getByLabel('Rijksregisternummer of BIS-nummer van de persoon').fill(nationalNumber(4));
    await form.getByRole('button', { name: 'Persoon zoeken' }).click();
    await form.getByText('Gevonden: Lien Claes').waitFor();
    await form.getByRole('button', { name: 'Dossier openen' }).click();
    await page.waitForURL('**/app/dossiers/*');
    await page.getByText(/^Lien Claes · Leefloon \(RMI-wet\) · status/).waitFor();
    const opened = (await sys.http.get('/dossiers?procedure=leefloon').set(sys.as('social-worker'))).body.items as { id: string; clientName: string }[];
    expect(page.url()).toContain(opened.find((d) => d.clientName === 'Lien Claes')?.id);
    expect(lien.id).toBeDefined();
  });

  it('imports a file: one bad line shows its Dutch error and records nothing; the corrected file is recorded', async () => {
    const line = (reference: string, data: object) => JSON.stringify({ dossierId: dossier.id, type: 'new-fact-reported', occurredOn: lastWeek, reference, data });
    const good = [line('MAIL-1', { fact: 'address', description: 'Verhuisd naar Kouter 5.' }), '', line('MAIL-2', { fact: 'stay-abroad', description: 'Twee weken in Marokko.' })];
    const bad = [good[0], '', line('MAIL-2', { fact: 'stay-abroad' })];
    await page.goto(`${sys.baseUrl}/app/intake`);
    const form = page.getByRole('form', { name: 'Importbestand' });
    await form.getByLabel('Bestand (JSON-regels) *').setInputFiles({ name: 'meldingen.jsonl', mimeType: 'application/json', buffer: Buffer.from(bad.join('\n')) });
    await form.getByRole('button', { name: 'Bestand importeren' }).click();
    await form.getByText('Het bestand werd niet geïmporteerd: er is niets geregistreerd.').waitFor();
    await form.getByText('regel 3: Omschrijving: Dit veld is verplicht.').waitFor();
    expect((await events(dossier.id)).map((e) => e.reference)).toEqual(['BRF-2026-17']);
    await shot('14-import-geweigerd');

    await form.getByLabel('Bestand (JSON-regels) *').setInputFiles({ name: 'meldingen.jsonl', mimeType: 'application/json', buffer: Buffer.from(good.join('\n')) });
    await form.getByRole('button', { name: 'Bestand importeren' }).click();
    await form.getByText('meldingen.jsonl: 2 regels, 2 geregistreerd, 0 al eerder geregistreerd.').waitFor();
    expect((await events(dossier.id)).map((e) => e.reference).sort()).toEqual(['BRF-2026-17', 'MAIL-1', 'MAIL-2']);
    await form.getByRole('link', { name: 'naar het dossier' }).first().click();
    await page.waitForURL(`**/app/dossiers/${dossier.id}`);
    await page.getByText(`Nieuw feit gemeld — ${formatDateNl(lastWeek)} — kenmerk MAIL-2 —`).waitFor();
  });

  it('shows the council secretary the events but none of the actions (the API refuses them anyway)', async () => {
    const secretary = await login('council-secretary');
    await secretary.goto(`${sys.baseUrl}/app/dossiers/${dossier.id}`);
    await secretary.getByRole('region', { name: 'Gebeurtenissen van buitenaf' }).getByText(/kenmerk BRF-2026-17/).waitFor();
    for (const name of ['Gebeurtenis van buitenaf registreren', 'Gezinslid toevoegen', 'Dossier koppelen']) {
      expect(await secretary.getByRole('form', { name }).count()).toBe(0);
    }
    expect(await secretary.getByRole('link', { name: 'Intake' }).count()).toBe(0);
    const refused = await sys.http.post(`/dossiers/${dossier.id}/events`).set(sys.as('council-secretary'))
      .send({ type: 'new-fact-reported', occurredOn: lastWeek, data: { fact: 'other', description: 'x' } });
    expect(refused.status).toBe(403);
  });

  const login = (username: string) => signedInPage(browser, sys.baseUrl, username);
});
