// The person form of a new request and of an intake: find a registered person by national number, or register one
// (the national number checked as it is typed; without one, the reason and the birth date), as POST /persons takes it.
import { api, el } from './common.js';

/** Checksums of §12.1, as the form is typed (the API checks again). */
export function nationalNumberValid(value) {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 11) return false;
  const check = Number(digits.slice(9));
  const base = digits.slice(0, 9);
  return 97 - (Number(base) % 97) === check || 97 - (Number(`2${base}`) % 97) === check;
}

/** Why a person has no national number (yet): the closed list of the API (libs/domain/person-identity.ts). */
const NO_NATIONAL_NUMBER_REASONS = [
  ['bis-requested', 'BIS-nummer aangevraagd'],
  ['international-protection-applicant', 'Verzoeker om internationale bescherming (nog geen BIS-nummer)'],
  ['foreign-resident', 'Buitenlander zonder rijksregister- of BIS-nummer'],
  ['unknown', 'Onbekend'],
];

/**
 * The fields of a person, to put in a form: `existing()` the id of the person registered with the national number
 * typed in (or null), `body(confirm)` the new person as POST /persons and an intake's `person` take it, and
 * `duplicate(res, into, confirm)` shows a possible duplicate (409) with "Toch registreren" and answers whether it did.
 */
export function personForm() {
  const nn = el('input', { id: 'nn', name: 'nationalNumber', inputmode: 'numeric', 'aria-describedby': 'nn-hint' });
  const hint = el('p', { id: 'nn-hint', class: 'error', 'aria-live': 'polite' });
  // Without a national number (yet): why it is missing and the birth date are required, a note is optional.
  const reason = el('select', { id: 'p-reason', name: 'noNationalNumberReason' },
    el('option', { value: '' }, '— kies een reden —'), NO_NATIONAL_NUMBER_REASONS.map(([value, label]) => el('option', { value }, label)));
  const birthDate = el('input', { id: 'p-birthDate', name: 'birthDate', type: 'date' });
  const note = el('input', { id: 'p-note', name: 'noNationalNumberNote' });
  const withoutNn = el('fieldset', { id: 'without-nn' }, el('legend', {}, 'Zonder rijksregisternummer'),
    el('label', { for: 'p-reason' }, 'Reden zonder rijksregisternummer *'), reason,
    el('label', { for: 'p-birthDate' }, 'Geboortedatum *'), birthDate,
    el('label', { for: 'p-note' }, 'Toelichting (optioneel)'), note);
  const showReason = () => {
    const empty = nn.value.trim() === '';
    withoutNn.hidden = !empty;
    reason.required = empty;
    birthDate.required = empty;
  };
  showReason();
  nn.addEventListener('input', () => {
    hint.textContent = nn.value.replace(/\D/g, '').length === 11 && !nationalNumberValid(nn.value) ? 'Dit rijksregisternummer klopt niet (controlegetal).' : '';
    showReason();
  });
  const inputs = ['firstName:Voornaam', 'lastName:Naam', 'street:Straat en nummer', 'postalCode:Postcode', 'city:Gemeente', 'iban:IBAN (optioneel)'].map((d) => {
    const [name, label] = d.split(':');
    return [name, el('input', { id: `p-${name}`, name, required: name !== 'iban' }), label];
  });
  const nodes = [el('label', { for: 'nn' }, 'Rijksregisternummer of BIS-nummer'), nn, hint, withoutNn,
    inputs.map(([name, input, label]) => [el('label', { for: `p-${name}` }, label), input])];
  const hasNn = () => nn.value.trim() !== '';
  return {
    nodes,
    async existing() {
      if (!hasNn()) return null;
      const found = await api('GET', `/persons?nationalNumber=${encodeURIComponent(nn.value)}`);
      return found.ok && found.body.items.length ? found.body.items[0] : null;
    },
    body(confirmNotDuplicate) {
      const v = Object.fromEntries(inputs.map(([name, input]) => [name, input.value.trim()]));
      return {
        ...(hasNn() ? { nationalNumber: nn.value } : { noNationalNumberReason: reason.value, birthDate: birthDate.value, ...(note.value.trim() ? { noNationalNumberNote: note.value.trim() } : {}) }),
        firstName: v.firstName, lastName: v.lastName,
        address: { street: v.street, postalCode: v.postalCode, city: v.city }, ...(v.iban ? { iban: v.iban } : {}),
        ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
      };
    },
    duplicate(res, into, confirm) {
      if (res.status !== 409 || res.body?.code !== 'possible-duplicate') return false;
      const n = res.body.candidateIds.length;
      into.replaceChildren(
        el('p', { class: 'error' }, `Er is al ${n === 1 ? 'een persoon' : `${n} personen`} geregistreerd met deze naam en geboortedatum. ` +
          'Controleer of het niet dezelfde persoon is; is het iemand anders, registreer dan toch.'),
        el('button', { type: 'button', onclick: confirm }, 'Toch registreren'));
      return true;
    },
  };
}

/** Find a registered person by national number: `search.person` is the one found and shown (or null). */
export function personSearch(prefix, label) {
  const nn = el('input', { id: `${prefix}-nn`, inputmode: 'numeric', 'aria-describedby': `${prefix}-found` });
  const found = el('p', { id: `${prefix}-found`, role: 'status' });
  const search = { person: null, nodes: [] };
  const button = el('button', { type: 'button', onclick: async () => {
    search.person = null;
    const r = await api('GET', `/persons?nationalNumber=${encodeURIComponent(nn.value)}`);
    if (!r.ok) { found.textContent = 'Dit is geen geldig rijksregister- of BIS-nummer.'; return; }
    search.person = r.body.items[0] ?? null;
    found.textContent = search.person ? `Gevonden: ${search.person.firstName} ${search.person.lastName}` : 'Niemand geregistreerd met dit nummer.';
  } }, 'Persoon zoeken');
  search.nodes = [el('label', { for: `${prefix}-nn` }, label), nn, button, found];
  return search;
}
