import { formatDateNl } from '../../libs/format/dutch';
import { accessibleScreenshot, browserSession, openRequestInBrowser, timelineShows } from '../support/browser';
import { todayInBrussels } from '../support/factories';
import { openTaskOf } from '../support/task-flow';

/**
 * The counselling dossier in the browser (issue 15): opened from "Nieuwe aanvraag" by its Dutch title, the intake task
 * with the service norm's day, its form from the outcome schema (the concern and the guidance in Dutch), and the
 * timeline saying what happened without what was said.
 */
describe('the counselling dossier (browser)', () => {
  const session = browserSession(['social-worker']);
  const today = todayInBrussels();

  it('opens a request from "Nieuwe aanvraag" and records the intake in the browser', async () => {
    const { sys, page } = session;
    const dossierId = await openRequestInBrowser(page, {
      procedure: 'Psychosociale begeleiding', button: 'Aanvraag psychosociale begeleiding openen', birthDate: '1978-09-21', firstName: 'Ruben', lastName: 'Begeleiding', street: 'Kouter 7',
    });

    const intake = await openTaskOf(sys, 'social-worker', dossierId, 'counselling-intake');
    await page.goto(`${sys.baseUrl}/app/taken/${intake.id}`);
    const form = page.getByRole('form', { name: 'Intakegesprek psychosociale begeleiding' });
    await form.getByLabel('Datum van het intakegesprek *').fill(today);
    await form.getByLabel('Belangrijkste hulpvraag *').selectOption({ label: 'Psychisch welzijn' });
    await form.getByLabel('Situatie en hulpvraag (verslag van het intakegesprek) *').fill('Slaapt slecht sinds het verlies van zijn werk.');
    const guidance = form.getByLabel('Begeleiding? *');
    expect(await guidance.locator('option').allTextContents()).toEqual([
      '— kies —', 'Ja: doelen afspreken met de cliënt', 'Nee: doorverwezen (de doorverwijzing staat in het dossier)', 'Nee: geen begeleiding nodig',
    ]);
    await guidance.selectOption({ label: 'Ja: doelen afspreken met de cliënt' });
    await accessibleScreenshot(page, 'begeleiding-intake');
    await form.getByRole('button', { name: 'Afronden' }).click();
    await page.waitForURL(`**/app/dossiers/${dossierId}`);
    const entry = `Intakegesprek op ${formatDateNl(today)}: hulpvraag psychisch welzijn; Ja: doelen afspreken met de cliënt`;
    await timelineShows(page, entry);
    // What was said stays out of the timeline.
    expect(await page.getByRole('region', { name: 'Tijdlijn' }).getByText('Slaapt slecht', { exact: false }).count()).toBe(0);
    await openTaskOf(sys, 'social-worker', dossierId, 'counselling-goals');
  });
});
