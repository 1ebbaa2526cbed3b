// The screens people work in (Dutch), talking only to the same HTTP API as everyone else. No build step: plain modules.
const main = document.getElementById('main');
const state = { token: sessionStorage.getItem('token'), user: JSON.parse(sessionStorage.getItem('user') || 'null') };

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', ...(state.token ? { authorization: `Bearer ${state.token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && path !== '/auth/login') { logout(); throw new Error('niet aangemeld'); }
  const json = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  return { status: res.status, ok: res.ok, body: json };
}

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
};

const daysLeft = (due) => (due ? Math.round((Date.parse(due) - Date.parse(new Date().toISOString().slice(0, 10))) / 86400000) : null);
const riskClass = (d) => (d === null ? '' : d < 0 ? 'risk-late' : d <= 7 ? 'risk-soon' : '');

function go(path) {
  history.pushState({}, '', path);
  route();
}
window.addEventListener('popstate', route);
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href^="/app/"]');
  if (a) { e.preventDefault(); go(a.getAttribute('href')); }
});
document.getElementById('logout').addEventListener('click', logout);

function logout() {
  sessionStorage.clear();
  state.token = null;
  state.user = null;
  go('/app/aanmelden');
}

function render(title, ...content) {
  document.title = `${title} — ocmw-flow`;
  main.replaceChildren(el('h1', {}, title), ...content);
  main.focus();
}

function header() {
  const h = document.getElementById('header');
  h.hidden = !state.user;
  if (state.user) document.getElementById('who').textContent = `${state.user.username} · ${state.user.role} · team ${state.user.team}`;
}

async function route() {
  header();
  const path = location.pathname;
  if (!state.token && path !== '/app/aanmelden') return go('/app/aanmelden');
  if (path === '/app/aanmelden') return loginScreen();
  let m;
  if ((m = path.match(/^\/app\/taken\/([0-9a-f-]{36})$/))) return taskScreen(m[1]);
  if ((m = path.match(/^\/app\/dossiers\/([0-9a-f-]{36})$/))) return dossierScreen(m[1]);
  return inboxScreen();
}

function loginScreen() {
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': 'Aanmelden' },
    el('label', { for: 'username' }, 'Gebruikersnaam'), el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true }),
    el('label', { for: 'password' }, 'Wachtwoord'), el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    el('button', { type: 'submit' }, 'Aanmelden'), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await api('POST', '/auth/login', { username: form.username.value, password: form.password.value });
    if (!res.ok) { error.textContent = 'Gebruikersnaam of wachtwoord is niet juist.'; return; }
    state.token = res.body.accessToken;
    const claims = JSON.parse(atob(state.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    state.user = { username: claims.username, role: claims.role, team: claims.team };
    sessionStorage.setItem('token', state.token);
    sessionStorage.setItem('user', JSON.stringify(state.user));
    go('/app/taken');
  });
  render('Aanmelden', form);
}

async function inboxScreen() {
  const res = await api('GET', '/tasks');
  const rows = res.body.items.map((t) => {
    const d = daysLeft(t.dueDate);
    return el('tr', { class: riskClass(d) },
      el('td', {}, el('a', { href: `/app/taken/${t.id}` }, t.title)),
      el('td', {}, el('a', { href: `/app/dossiers/${t.dossierId}` }, t.dossierReference)),
      el('td', {}, t.clientName), el('td', {}, t.dueDate ?? '—'), el('td', {}, d === null ? '—' : d < 0 ? `${-d} dagen te laat` : `${d} dagen`),
      el('td', {}, t.status === 'open' ? 'open' : 'geclaimd'));
  });
  render('Mijn taken', res.body.items.length === 0 ? el('p', {}, 'Geen taken.') : el('table', {},
    el('caption', {}, `${res.body.total} taken, dringendste eerst`),
    el('thead', {}, el('tr', {}, ...['Taak', 'Dossier', 'Cliënt', 'Uiterlijk', 'Resterend', 'Status'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows)));
}

function field(name, schema, required, value) {
  const id = `f-${name}`;
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

async function taskScreen(id) {
  const res = await api('GET', `/tasks/${id}`);
  if (!res.ok) return render('Taak niet gevonden', el('p', {}, res.body?.message ?? ''));
  const task = res.body;
  const schema = task.outcomeSchema;
  const fields = Object.fromEntries(Object.entries(schema.properties).map(([name, s]) => [name, field(name, s, schema.required.includes(name))]));
  const general = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': task.title }, Object.values(fields).map((f) => f.node), el('button', { type: 'submit' }, 'Afronden'), general);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const outcome = {};
    for (const [name, f] of Object.entries(fields)) {
      const s = schema.properties[name];
      const raw = f.input.value;
      if (raw === '') continue;
      outcome[name] = s.oneOf ? s.oneOf[Number(raw)].const : s.type === 'integer' ? Number(raw) : raw;
    }
    for (const f of Object.values(fields)) f.error.textContent = '';
    general.textContent = '';
    const done = await api('POST', `/tasks/${id}/complete`, outcome);
    if (done.ok) return go(`/app/dossiers/${task.dossierId}`);
    for (const err of done.body?.errors ?? []) {
      const f = fields[err.path.slice(1)];
      if (f) f.error.textContent = MESSAGES[err.code] ?? err.message;
      else general.textContent = err.message;
    }
    if (!done.body?.errors?.length) general.textContent = done.body?.message ?? 'Niet gelukt.';
  });
  render(task.title, el('p', {}, 'Dossier ', el('a', { href: `/app/dossiers/${task.dossierId}` }, task.dossierReference), ` · ${task.clientName} · uiterlijk ${task.dueDate ?? '—'}`), form);
}

const MESSAGES = {
  required: 'Dit veld is verplicht.',
  format: 'Geen geldige waarde (datum als JJJJ-MM-DD).',
  'not-future': 'Deze datum ligt in de toekomst.',
  'too-early': 'Deze datum ligt te vroeg.',
  enum: 'Kies een van de mogelijkheden.',
  minimum: 'Te klein.',
  maximum: 'Te groot.',
  'max-length': 'Te lang.',
};

async function dossierScreen(id) {
  const res = await api('GET', `/dossiers/${id}`);
  if (!res.ok) return render('Dossier niet gevonden', el('p', {}, res.body?.message ?? ''));
  const d = res.body;
  const notices = await api('GET', `/dossiers/${id}/notices`);
  render(`Dossier ${d.reference}`,
    el('section', { 'aria-label': 'Cliënt en status' }, el('p', {}, `${d.person.firstName} ${d.person.lastName} · ${d.procedure} · status ${d.status}`)),
    el('section', { 'aria-label': 'Termijnen' }, el('h2', {}, 'Termijnen'),
      el('ul', {}, d.deadlines.map((x) => el('li', { class: riskClass(x.daysLeft) },
        el('strong', {}, `${x.title}: uiterlijk ${x.dueDate ?? '(geschorst)'} — ${x.status}`),
        el('details', {}, el('summary', {}, 'Waarom deze datum?'), el('p', {}, x.explanation)))))),
    el('section', { 'aria-label': 'Taken' }, el('h2', {}, 'Taken'),
      el('ul', {}, [...d.openTasks, ...d.doneTasks].map((t) => el('li', {}, t.status === 'completed' ? `${t.title} (afgerond)` : el('a', { href: `/app/taken/${t.id}` }, `${t.title} (${t.status})`))))),
    el('section', { 'aria-label': 'Brieven' }, el('h2', {}, 'Brieven'),
      el('ul', {}, (notices.body?.items ?? []).map((n) => el('li', {}, `${n.kind ?? n.key} `, el('button', { type: 'button', onclick: () => download(n.id, n.key) }, `Download PDF (${n.key})`))))),
    el('section', { 'aria-label': 'Tijdlijn' }, el('h2', {}, 'Tijdlijn'), el('ol', {}, d.timeline.map((e) => el('li', {}, `${new Date(e.at).toLocaleString('nl-BE', { timeZone: 'Europe/Brussels' })} — ${e.description}`)))));
}

async function download(noticeId, key) {
  const res = await fetch(`/notices/${noticeId}/pdf`, { headers: { authorization: `Bearer ${state.token}` } });
  const url = URL.createObjectURL(await res.blob());
  el('a', { href: url, download: `${key}.pdf` }).click();
}

route();
