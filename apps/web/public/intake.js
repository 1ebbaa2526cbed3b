// Intake: what arrived from outside and opens a dossier (a request another OCMW forwarded, …), recorded by a social
// worker for a registered or a new person, one at a time or as an import file (JSON lines, all or nothing).
import { api, dutchError, el, go, procedures, refusal, render, state } from './common.js';
import { may } from './permissions.js';
import { eventFields } from './event-form.js';
import { personForm, personSearch } from './person-form.js';

/** The top-level fields of an event, an intake and a person, in Dutch, to say where an error is. */
const FIELD_LABELS = {
  type: 'soort gebeurtenis', occurredOn: 'datum', reference: 'kenmerk', data: 'gegevens', dossierId: 'dossier', procedure: 'procedure',
  person: 'persoon', personId: 'persoon', nationalNumber: 'rijksregisternummer', firstName: 'voornaam', lastName: 'naam', birthDate: 'geboortedatum',
  noNationalNumberReason: 'reden zonder rijksregisternummer', address: 'adres', street: 'straat en nummer', postalCode: 'postcode', city: 'gemeente', iban: 'IBAN',
};

/** Where an error is, in Dutch: the data's properties by the titles of the event kinds' schemas (GET /procedures). */
function fieldName(path, all) {
  const parts = path.split('/').filter(Boolean);
  const last = parts.at(-1);
  if (!last) return '';
  if (parts.at(-2) === 'data' || parts.includes('data')) {
    for (const p of all.values()) for (const k of p.events) if (k.schema.properties?.[last]?.title) return k.schema.properties[last].title;
  }
  return FIELD_LABELS[last] ?? last;
}

export async function intakeScreen() {
  const all = await procedures();
  const kinds = [...all.values()].flatMap((p) => p.events.filter((k) => k.opensDossier).map((k) => ({ ...k, procedure: p })));
  render('Intake', el('section', {}, intakeForm(kinds, all)), may(state.user, 'intake:import') ? el('section', {}, importForm(all)) : '');
}

function intakeForm(kinds, all) {
  const event = eventFields(kinds, { prefix: 'in', optionLabel: (k) => `${k.title} (${k.procedure.title})`, referenceRequired: true });
  // The person: one already registered (found by national number), or a new one as the new request registers it.
  const search = personSearch('in', 'Rijksregisternummer of BIS-nummer van de persoon');
  const person = personForm();
  const existing = el('fieldset', { id: 'in-existing' }, el('legend', {}, 'Bestaande persoon'), search.nodes);
  const fresh = el('fieldset', { id: 'in-new' }, el('legend', {}, 'Nieuwe persoon registreren'), person.nodes);
  const choose = (isNew) => {
    existing.hidden = existing.disabled = isNew;
    fresh.hidden = fresh.disabled = !isNew;
  };
  const radio = (value, label, checked) => el('label', { class: 'inline' },
    el('input', { type: 'radio', name: 'in-person', value, checked, onchange: () => choose(value === 'new') }), ` ${label}`);
  choose(false);
  const duplicate = el('div', { id: 'possible-duplicate', 'aria-live': 'polite' });
  const general = el('div', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': 'Gebeurtenis die een dossier opent' }, el('h2', {}, 'Gebeurtenis die een dossier opent'), event.nodes,
    el('fieldset', {}, el('legend', {}, 'Voor wie?'), radio('existing', 'Een geregistreerde persoon', true), radio('new', 'Een nieuwe persoon', false)),
    existing, fresh, el('button', { type: 'submit' }, 'Dossier openen'), duplicate, general);
  const submit = async (confirmNotDuplicate) => {
    event.clearErrors();
    general.replaceChildren();
    duplicate.replaceChildren();
    const isNew = !fresh.disabled;
    if (!isNew && !search.person) { general.textContent = 'Zoek eerst de persoon op, of kies een nieuwe persoon.'; return; }
    const r = await api('POST', '/intake/events', {
      procedure: event.chosen()?.procedure.name, ...event.body(), person: isNew ? person.body(confirmNotDuplicate) : { personId: search.person.id },
    });
    if (r.ok) return go(`/app/dossiers/${r.body.dossierId}`);
    if (person.duplicate(r, duplicate, () => submit(true))) return;
    event.showErrors(r, general, (err) => `${capital(fieldName(err.path, all))}: ${dutchError(err)}`);
    if (r.body?.existingId) general.textContent = 'Deze persoon heeft al een open dossier van deze procedure.';
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(false);
  });
  return form;
}

const capital = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** An import file: every line checked by the API first; one bad line and nothing is recorded ("regel 3: …"). */
function importForm(all) {
  const file = el('input', { id: 'import-file', type: 'file', accept: '.jsonl,.json,.txt,application/json', required: true });
  const result = el('div', { id: 'import-result', role: 'status' });
  const form = el('form', { 'aria-label': 'Importbestand' }, el('h2', {}, 'Importbestand'),
    el('p', {}, 'Eén gebeurtenis per regel, als JSON: voor een dossier (met dossierId) of een intake (met procedure en persoon). Is één regel fout, dan wordt niets geregistreerd.'),
    el('label', { for: 'import-file' }, 'Bestand (JSON-regels) *'), file, el('button', { type: 'submit' }, 'Bestand importeren'), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    result.replaceChildren();
    const r = await api('POST', '/intake/imports', { fileName: chosen.name, content: await chosen.text() });
    if (r.ok) {
      result.replaceChildren(el('p', {}, `${chosen.name}: ${r.body.lines} ${r.body.lines === 1 ? 'regel' : 'regels'}, ${r.body.recorded} geregistreerd, ${r.body.duplicates} al eerder geregistreerd.`),
        el('ul', {}, r.body.items.map((i) => el('li', {}, `regel ${i.line}: `, el('a', { href: `/app/dossiers/${i.dossierId}` }, 'naar het dossier'), i.duplicate ? ' (al eerder geregistreerd)' : ''))));
      return;
    }
    const errors = r.body?.errors ?? [];
    result.replaceChildren(el('p', { class: 'error' }, errors.length ? 'Het bestand werd niet geïmporteerd: er is niets geregistreerd.' : refusal(r)),
      el('ul', { class: 'error' }, errors.map((err) => {
        const m = /^\/lines\/(\d+)(.*)$/.exec(err.path);
        const where = m ? fieldName(m[2], all) : fieldName(err.path, all);
        const text = ['json', 'line-kind'].includes(err.code) ? dutchError(err) : `${where ? `${where}: ` : ''}${dutchError(err)}`;
        return el('li', {}, m ? `regel ${m[1]}: ${text}` : text);
      })));
  });
  return form;
}
