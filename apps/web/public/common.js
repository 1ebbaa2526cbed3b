// What every screen shares (Dutch): the API, the procedure catalogue, building elements, dates and amounts, and the
// form generated from a JSON schema (task outcomes, events from outside). A plain ES module, no build step.
const main = document.getElementById('main');
export const state = { token: sessionStorage.getItem('token'), user: JSON.parse(sessionStorage.getItem('user') || 'null') };

export async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', ...(state.token ? { authorization: `Bearer ${state.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && path !== '/auth/login') { logout(); throw new Error('niet aangemeld'); }
  const json = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  return { status: res.status, ok: res.ok, body: json };
}

/**
 * The procedure definitions (GET /procedures), loaded once per sign-in: Dutch names, status labels, task titles and
 * the council's decision choices come from there, never from codes written into the screens.
 */
let catalogue = null;
export async function procedures() {
  if (!catalogue) {
    const res = await api('GET', '/procedures');
    if (!res.ok) return new Map();
    catalogue = new Map(res.body.items.map((p) => [p.name, p]));
  }
  return catalogue;
}
export const procedureTitle = (all, name) => all.get(name)?.title ?? name;
export const statusLabel = (all, name, code) => all.get(name)?.statuses.find((s) => s.code === code)?.label ?? code;
export const taskTitle = (all, t) => all.get(t.procedure)?.taskKinds.find((k) => k.kind === t.kind)?.title ?? t.title;
/** The choices of a schema property, as [value, Dutch label]. */
export const choices = (schema) => (schema?.oneOf ?? []).map((o) => [o.const, o.title ?? String(o.const)]);
export const choiceLabel = (schema, value) => choices(schema).find(([v]) => v === value)?.[1] ?? value;

export const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
};

export const daysLeft = (due) => (due ? Math.round((Date.parse(due) - Date.parse(new Date().toISOString().slice(0, 10))) / 86400000) : null);
export const riskClass = (d) => (d === null ? '' : d < 0 ? 'risk-late' : d <= 7 ? 'risk-soon' : '');

/** The screen for the current address: app.js registers it (setRouter), every module navigates with go(). */
let router = () => {};
export function setRouter(fn) {
  router = fn;
}
export function go(path) {
  history.pushState({}, '', path);
  router();
}

export function logout() {
  sessionStorage.clear();
  catalogue = null;
  state.token = null;
  state.user = null;
  go('/app/aanmelden');
}

export function render(title, ...content) {
  document.title = `${title} — ocmw-flow`;
  main.replaceChildren(el('h1', {}, title), ...content);
  main.focus();
}

/** 131420 → '€ 1.314,20', as libs/format/dutch.ts writes it (the web app has no build step to import it). */
export const euro = (cents) => `€ ${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(cents % 100).padStart(2, '0')}`;
export const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** '2026-04-01' → '1 april 2026', as libs/format/dutch.ts writes it. */
export const dateNl = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS_NL[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/**
 * One input for a property of a JSON schema (as GET /procedures and the tasks give them): a choice (oneOf) as a
 * select, a date, an integer, a long text as a textarea, else a text; with its Dutch title and an error line.
 * `prefix` keeps the ids of two forms on one screen apart.
 */
export function field(name, schema, required, value, prefix = 'f') {
  const id = `${prefix}-${name}`;
  const label = el('label', { for: id }, `${schema.title ?? name}${required ? ' *' : ''}`);
  let input;
  if (schema.oneOf) {
    input = el('select', { id, name, required }, el('option', { value: '' }, '— kies —'),
      schema.oneOf.map((o, i) => el('option', { value: String(i), selected: value === o.const }, o.title ?? String(o.const))));
  } else if (schema.format === 'date') {
    input = el('input', { id, name, type: 'date', required, value: value ?? '' });
  } else if (schema.type === 'integer') {
    input = el('input', { id, name, type: 'number', step: '1', min: schema.minimum, max: schema.maximum, required, value: value ?? '' });
  } else if ((schema.maxLength ?? 0) > 200) {
    input = el('textarea', { id, name, rows: 3, maxlength: schema.maxLength, required });
    input.value = value ?? '';
  } else {
    input = el('input', { id, name, maxlength: schema.maxLength, required, value: value ?? '' });
  }
  const error = el('p', { class: 'error', id: `${id}-error`, 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', `${id}-error`);
  return { node: el('div', {}, label, input, error), input, error };
}

/**
 * The fields of an object schema (a task's outcome, an event's data): `value()` the object typed in (empty fields
 * left out), `showErrors(errors, base)` puts each API error under `base` next to its field in Dutch and answers the
 * errors that belong to no field.
 */
export function schemaForm(schema, prefix = 'f') {
  const required = schema.required ?? [];
  const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, s]) => [name, field(name, s, required.includes(name), undefined, prefix)]));
  return {
    nodes: Object.values(fields).map((f) => f.node),
    value() {
      const out = {};
      for (const [name, f] of Object.entries(fields)) {
        const s = schema.properties[name];
        const raw = f.input.value;
        if (raw === '') continue;
        out[name] = s.oneOf ? s.oneOf[Number(raw)].const : s.type === 'integer' ? Number(raw) : raw;
      }
      return out;
    },
    clearErrors() {
      for (const f of Object.values(fields)) f.error.textContent = '';
    },
    showErrors(errors, base = '') {
      const rest = [];
      for (const err of errors) {
        const f = err.path.startsWith(`${base}/`) ? fields[err.path.slice(base.length + 1)] : undefined;
        if (f) f.error.textContent = dutchError(err);
        else rest.push(err);
      }
      return rest;
    },
  };
}

/** The API's error codes (libs/validation, the services) in Dutch: the API's own messages are English. */
export const MESSAGES = {
  required: 'Dit veld is verplicht.',
  format: 'Geen geldige waarde (datum als JJJJ-MM-DD).',
  'not-future': 'Deze datum ligt in de toekomst.',
  'too-early': 'Deze datum ligt te vroeg.',
  enum: 'Kies een van de mogelijkheden.',
  minimum: 'Te klein.',
  maximum: 'Te groot.',
  'max-length': 'Te lang.',
  'min-length': 'Dit veld mag niet leeg zijn.',
  type: 'Geen geldige waarde.',
  pattern: 'Geen geldige waarde.',
  'unknown-property': 'Dit gegeven hoort hier niet.',
  'unknown-event-type': 'Deze soort gebeurtenis kent de procedure van dit dossier niet.',
  'not-opening': 'Deze soort gebeurtenis opent geen dossier: registreer ze in het dossier zelf.',
  json: 'geen geldig JSON-object.',
  'line-kind': 'noemt geen dossier (dossierId) en geen procedure (intake).',
  empty: 'Het bestand bevat geen enkele gebeurtenis.',
  'not-found': 'niet gevonden (of niet van uw team).',
  closed: 'Dit dossier is afgesloten: er komt geen gebeurtenis meer bij.',
  'national-number': 'Dit rijksregisternummer klopt niet.',
  'possible-duplicate': 'Er is al een persoon geregistreerd met deze naam en geboortedatum.',
  'same-dossier': 'Een dossier kan niet aan zichzelf gekoppeld worden.',
  'before-start': 'Deze datum ligt voor het begin van het lidmaatschap.',
  applicant: 'Deze persoon is de aanvrager van dit dossier.',
  'no-household': 'De procedure van dit dossier kent geen gezinsleden.',
  'opened-link': 'Een dossier dat door een ander geopend werd, blijft eraan gekoppeld.',
};
/** One API error in Dutch; an unknown code never shows the English message. */
export const dutchError = (err) => MESSAGES[err.code] ?? 'Deze waarde wordt niet aanvaard.';

/** A refusal without field errors (403, 404, 409, …) in Dutch, from its code or status. */
export function refusal(res) {
  if (res.body?.code && MESSAGES[res.body.code]) return MESSAGES[res.body.code];
  if (res.status === 403) return 'Uw rol laat dit niet toe.';
  if (res.status === 404) return 'Niet gevonden (of niet van uw team).';
  if (res.status === 409) return 'Dit kan niet (meer): het werd al gedaan of het dossier laat het niet toe.';
  return 'Niet gelukt. Probeer het opnieuw.';
}

/** An error line next to a field, announced when it changes. */
export const errorLine = (id) => el('p', { class: 'error', id, 'aria-live': 'polite' });

/**
 * Puts each API error next to its field in Dutch (`lines`: path → error line; `data`: a schemaForm for the errors
 * under /data); the others go to `general`, each written by `describe`. Without field errors the refusal itself
 * (409, 404, …) is said in Dutch.
 */
export function showApiErrors(res, lines, general, data, describe = dutchError) {
  for (const line of Object.values(lines)) line.textContent = '';
  general.textContent = '';
  const errors = res.body?.errors ?? [];
  const rest = data ? data.showErrors(errors, '/data') : errors;
  const unplaced = rest.filter((err) => {
    const line = lines[err.path];
    if (line) line.textContent = dutchError(err);
    return !line;
  });
  if (unplaced.length) general.replaceChildren(...unplaced.map((err) => el('p', {}, describe(err))));
  if (!errors.length) general.textContent = refusal(res);
}
