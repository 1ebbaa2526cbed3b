import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { dayOf, fileSize } from '../../apps/web/src/format';
import { accessibleScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { openDossierWithoutNationalNumber } from '../support/task-flow';
import { startTestSystem, TestSystem } from '../support/system';

const address = { street: 'Kouter 3', postalCode: '9000', city: 'Gent' };
// A small PNG (its signature and IHDR header; the API recognises it by these first bytes).
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(1200, 3)]);

/** Documenten on the dossier page: upload a PNG (kind and file, labelled), see it listed in Dutch, download it, refusals in Dutch, delete after a confirmation. */
describe('Documenten (browser)', () => {
  let sys: TestSystem;
  let browser: Browser;
  let dossierId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
    dossierId = await openDossierWithoutNationalNumber(sys, 'social-worker', { birthDate: '1994-04-04', firstName: 'Céline', lastName: 'Vandenbroek', address });
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('uploads a PNG, lists it with kind, name, size, day and uploader, downloads the same bytes, and deletes it', async () => {
    const page = await signedInPage(browser, sys.baseUrl, 'social-worker');
    await page.goto(`${sys.baseUrl}/app/dossiers/${dossierId}`);
    const documents = page.getByRole('region', { name: 'Documenten' });
    await documents.getByText('Nog geen documenten.').waitFor();
    const form = documents.getByRole('form', { name: 'Document opladen' });

    // Nothing chosen: the API's errors in Dutch, next to their fields.
    await form.getByRole('button', { name: 'Opladen' }).click();
    await form.getByText('Kies een van de mogelijkheden.').waitFor();
    await form.getByText('Dit veld is verplicht.').waitFor();
    // A text file named .pdf: refused by its content.
    await form.getByLabel('Soort document').selectOption({ label: 'huurcontract' });
    await form.getByLabel(/^Bestand/).setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Geen PDF, gewoon tekst.') });
    await form.getByRole('button', { name: 'Opladen' }).click();
    await form.getByText('Enkel PDF-, JPEG- of PNG-bestanden', { exact: false }).waitFor();
    expect((await sys.db.query('SELECT count(*)::int AS n FROM documents')).rows[0].n).toBe(0);

    await form.getByLabel(/^Bestand/).setInputFiles({ name: 'identiteitskaart.png', mimeType: 'image/png', buffer: PNG });
    await form.getByLabel('Soort document').selectOption({ label: 'identiteitsbewijs' });
    await form.getByRole('button', { name: 'Opladen' }).click();
    await form.getByText('identiteitskaart.png opgeladen.').waitFor();
    const uploadedAt = (await sys.db.query('SELECT uploaded_at FROM documents')).rows[0].uploaded_at as Date;
    const row = documents.getByRole('row', { name: /identiteitskaart\.png/ });
    await row.getByRole('cell', { name: 'identiteitsbewijs' }).waitFor();
    await row.getByRole('cell', { name: fileSize(PNG.length) }).waitFor(); // "1,2 kB"
    await row.getByRole('cell', { name: dayOf(uploadedAt) }).waitFor();
    await row.getByRole('cell', { name: 'An Maatschappelijk Assistent' }).waitFor();
    expect(fileSize(PNG.length)).toBe('1,2 kB');
    await accessibleScreenshot(page, 'dossier-documenten');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'identiteitskaart.png downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe('identiteitskaart.png');
    expect(Buffer.compare(fs.readFileSync((await download.path())!), PNG)).toBe(0);
    const audited = await sys.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.downloaded'`);
    expect(audited.rows[0].n).toBe(1);

    // The person page lists the documents of the person's dossiers, to read (uploads go to a dossier).
    await page.getByRole('link', { name: 'Céline Vandenbroek' }).click();
    await page.getByRole('heading', { level: 1, name: /Céline Vandenbroek/ }).waitFor();
    const onPerson = page.getByRole('region', { name: 'Documenten' });
    await onPerson.getByRole('row', { name: /identiteitskaart\.png/ }).getByRole('cell', { name: 'identiteitsbewijs' }).waitFor();
    expect(await onPerson.getByRole('form').count()).toBe(0);
    await page.goBack();

    await row.getByRole('button', { name: 'Verwijderen' }).click();
    await documents.getByRole('group', { name: /identiteitskaart\.png.* verwijderen\?/ }).getByRole('button', { name: 'Ja, verwijderen' }).click();
    await form.getByText('identiteitskaart.png verwijderd.').waitFor();
    await documents.getByText('Nog geen documenten.').waitFor();
    await page.close();
  });
});
