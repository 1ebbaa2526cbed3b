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

/**
 * The procedure definitions (GET /procedures), loaded once per sign-in: Dutch names, status labels, task titles and
 * the council's decision choices come from there, never from codes written into the screens.
 */
let catalogue = null;
async function procedures() {
  if (!catalogue) {
    const res = await api('GET', '/procedures');
    if (!res.ok) return new Map();
    catalogue = new Map(res.body.items.map((p) => [p.name, p]));
  }
  return catalogue;
}
const procedureTitle = (all, name) => all.get(name)?.title ?? name;
const statusLabel = (all, name, code) => all.get(name)?.statuses.find((s) => s.code === code)?.label ?? code;
const taskTitle = (all, t) => all.get(t.procedure)?.taskKinds.find((k) => k.kind === t.kind)?.title ?? t.title;
/** The choices of a schema property, as [value, Dutch label]. */
const choices = (schema) => (schema?.oneOf ?? []).map((o) => [o.const, o.title ?? String(o.const)]);
const choiceLabel = (schema, value) => choices(schema).find(([v]) => v === value)?.[1] ?? value;

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
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
  catalogue = null;
  state.token = null;
  state.user = null;
  go('/app/aanmelden');
}

function render(title, ...content) {
  document.title = `${title} — ocmw-flow`;
  main.replaceChildren(el('h1', {}, title), ...content);
  main.focus();
}

/** Each role sees the screens of what it may do (the API refuses the rest anyway). */
const MENU = [
  ['/app/taken', 'Mijn taken', ['social-worker', 'team-lead', 'council-secretary', 'finance']],
  ['/app/nieuwe-aanvraag', 'Nieuwe aanvraag', ['social-worker', 'team-lead']],
  ['/app/team', 'Team', ['team-lead', 'admin']],
  ['/app/bcsd', 'BCSD', ['council-secretary', 'social-worker', 'team-lead', 'admin']],
  ['/app/betalingen', 'Betalingen', ['finance']],
];

function header() {
  const h = document.getElementById('header');
  h.hidden = !state.user;
  if (!state.user) return;
  document.getElementById('who').textContent = `${state.user.username} · ${state.user.role} · team ${state.user.team}`;
  h.querySelector('nav').replaceChildren(...MENU.filter(([, , roles]) => roles.includes(state.user.role)).map(([href, label]) => el('a', { href }, label)));
}

/** Checksums of §12.1, as the form is typed (the API checks again). */
function nationalNumberValid(value) {
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

async function newRequestScreen() {
  const status = el('p', { role: 'status' });
  // Which procedure the request is for: every one GET /procedures lists, by its Dutch title (the first one chosen).
  const all = await procedures();
  const procedure = el('select', { id: 'procedure', name: 'procedure' }, [...all.values()].map((p) => el('option', { value: p.name }, p.title)));
  const submit = el('button', { type: 'submit' });
  const label = () => { submit.textContent = `Aanvraag ${all.get(procedure.value)?.letters.right ?? ''} openen`; };
  procedure.addEventListener('change', label);
  label();
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
  const duplicate = el('div', { id: 'possible-duplicate', 'aria-live': 'polite' });
  const form = el('form', { 'aria-label': 'Nieuwe aanvraag' },
    el('label', { for: 'procedure' }, 'Procedure'), procedure,
    el('label', { for: 'nn' }, 'Rijksregisternummer of BIS-nummer'), nn, hint, withoutNn,
    inputs.map(([name, input, label]) => [el('label', { for: `p-${name}` }, label), input]),
    submit, duplicate, status);
  const open = async (confirmNotDuplicate) => {
    const v = Object.fromEntries(inputs.map(([name, input]) => [name, input.value.trim()]));
    duplicate.replaceChildren();
    let personId;
    const hasNn = nn.value.trim() !== '';
    const found = hasNn ? await api('GET', `/persons?nationalNumber=${encodeURIComponent(nn.value)}`) : null;
    if (found?.ok && found.body.items.length) personId = found.body.items[0].id;
    else {
      const created = await api('POST', '/persons', {
        ...(hasNn ? { nationalNumber: nn.value } : { noNationalNumberReason: reason.value, birthDate: birthDate.value, ...(note.value.trim() ? { noNationalNumberNote: note.value.trim() } : {}) }),
        firstName: v.firstName, lastName: v.lastName,
        address: { street: v.street, postalCode: v.postalCode, city: v.city }, ...(v.iban ? { iban: v.iban } : {}),
        ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
      });
      if (created.status === 409 && created.body.code === 'possible-duplicate') {
        const n = created.body.candidateIds.length;
        duplicate.replaceChildren(
          el('p', { class: 'error' }, `Er is al ${n === 1 ? 'een persoon' : `${n} personen`} geregistreerd met deze naam en geboortedatum. ` +
            'Controleer of het niet dezelfde persoon is; is het iemand anders, registreer dan toch.'),
          el('button', { type: 'button', onclick: () => open(true) }, 'Toch registreren'));
        return;
      }
      if (!created.ok) { status.textContent = (created.body.errors ?? []).map((x) => `${x.path}: ${x.message}`).join('; ') || created.body.message; return; }
      personId = created.body.id;
    }
    const opened = await api('POST', '/dossiers', { procedure: procedure.value, personId, channel: 'counter' });
    if (!opened.ok) { status.textContent = opened.body.message; return; }
    go(`/app/dossiers/${opened.body.id}`);
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await open(false);
  });
  render('Nieuwe aanvraag', form);
}

async function teamScreen() {
  const [board, load, escalations] = await Promise.all([api('GET', '/dashboard/deadlines'), api('GET', '/dashboard/workload'), api('GET', '/escalations')]);
  if (!board.ok) return render('Team', el('p', {}, board.body?.message ?? ''));
  const list = (items) => el('ul', {}, items.map((i) => el('li', { class: riskClass(i.daysLeft) },
    el('a', { href: `/app/dossiers/${i.dossierId}` }, i.dossierReference), ` — ${i.title} (${i.ruleId}), uiterlijk ${i.dueDate}, ${i.daysLeft} dagen — ${i.socialWorker?.displayName ?? 'niemand'}`)));
  const users = await api('GET', '/users');
  const workers = (users.body?.items ?? []).filter((u) => u.role === 'social-worker' && u.active);
  const pick = (id, label) => [el('label', { for: id }, label), el('select', { id, required: true }, workers.map((u) => el('option', { value: u.id }, u.displayName)))];
  const reassign = el('form', { 'aria-label': 'Afwezigheid opvangen' }, pick('from', 'Afwezig'), pick('to', 'Vervangen door'),
    el('label', { for: 'reason' }, 'Reden'), el('input', { id: 'reason', required: true }), el('button', { type: 'submit' }, 'Werk overdragen'), el('p', { role: 'status', id: 'reassign-status' }));
  reassign.addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await api('POST', '/team/reassignments', { fromUserId: reassign.querySelector('#from').value, toUserId: reassign.querySelector('#to').value, reason: reassign.querySelector('#reason').value });
    reassign.querySelector('#reassign-status').textContent = res.ok ? `${res.body.movedTasks} taken en ${res.body.movedDossiers} dossiers overgedragen.` : res.body.message;
  });
  render('Team',
    el('section', { 'aria-label': 'Termijnen in gevaar' }, el('h2', {}, `In gevaar (${board.body.atRisk.length})`), list(board.body.atRisk)),
    el('section', { 'aria-label': 'Termijnen overschreden' }, el('h2', {}, `Overschreden (${board.body.breached.length})`), list(board.body.breached)),
    el('section', { 'aria-label': 'Deze week' }, el('h2', {}, `Deze week (${board.body.dueThisWeek.length})`), list(board.body.dueThisWeek)),
    el('section', { 'aria-label': 'Werklast' }, el('h2', {}, 'Werklast'), el('table', {},
      el('thead', {}, el('tr', {}, ['Medewerker', 'Open taken', 'Te laat', 'Eerstvolgende'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, load.body.workers.map((w) => el('tr', {}, el('td', {}, w.user.displayName), el('td', {}, w.openTasks), el('td', {}, w.overdueTasks), el('td', {}, w.nearestDueDate ?? '—')))))),
    el('section', { 'aria-label': 'Escalaties' }, el('h2', {}, `Escalaties (${escalations.body.items.length})`),
      el('ul', {}, escalations.body.items.map((x) => el('li', {}, `${x.level === 'breach' ? 'Overschreden' : 'Waarschuwing'}: ${x.message} `,
        el('button', { type: 'button', onclick: async () => { await api('POST', `/escalations/${x.id}/acknowledge`); teamScreen(); } }, 'Gezien')))),
    ),
    el('section', { 'aria-label': 'Afwezigheid' }, el('h2', {}, 'Afwezigheid opvangen'), reassign));
}

async function councilScreen() {
  const res = await api('GET', '/council/meetings');
  if (!res.ok) return render('BCSD', el('p', {}, res.body?.message ?? ''));
  render('BCSD — zittingen', el('table', {},
    el('thead', {}, el('tr', {}, ['Zitting', 'Agenda sluit', 'Dossiers', 'Status'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, res.body.items.map((m) => el('tr', {},
      el('td', {}, el('a', { href: `/app/bcsd/${m.id}` }, `${m.date} ${m.time}`)), el('td', {}, m.cutoffDate),
      el('td', {}, `${m.items}${m.urgentItems ? ` (${m.urgentItems} dringend)` : ''}`), el('td', {}, MEETING_STATUS[m.status] ?? m.status))))));
}

async function meetingScreen(id) {
  const res = await api('GET', `/council/meetings/${id}`);
  if (!res.ok) return render('Zitting niet gevonden', el('p', {}, res.body?.message ?? ''));
  const m = res.body;
  const all = await procedures();
  const items = m.items.map((i) => {
    // The decisions this kind of item has in its procedure (GET /procedures); the dossier refuses one that does not
    // answer its proposal (a review is revised or stopped, not granted), and the message is shown.
    const council = all.get(i.procedure)?.council;
    const resultSchema = council?.decisions.find((d) => d.itemKind === i.kind)?.schema.properties.result;
    const result = el('select', { id: `r-${i.id}`, 'aria-label': `Beslissing ${i.dossierReference}` },
      choices(resultSchema).map(([v, label]) => el('option', { value: v }, label)));
    const motivation = el('input', { id: `m-${i.id}`, 'aria-label': `Motivering ${i.dossierReference}`, value: i.proposal.motivation });
    const status = el('span', { role: 'status' });
    const button = el('button', { type: 'button', onclick: async () => {
      // A grant (or a recovery) takes over what the proposal says of the fields the procedure's decision has (category,
      // amount, form of aid, the amount recovered).
      const p = i.proposal;
      const own = Object.keys(council?.decisions.find((d) => d.itemKind === i.kind)?.schema.properties ?? {})
        .filter((f) => !['result', 'decisionDate', 'motivation'].includes(f) && p[f] !== undefined);
      const takesProposal = ['granted', 'recovered'].includes(result.value);
      const body = { result: result.value, motivation: motivation.value, ...(takesProposal ? Object.fromEntries(own.map((f) => [f, p[f]])) : {}) };
      const r = await api('POST', `/council/meetings/${id}/items/${i.id}/decision`, body);
      status.textContent = r.ok ? 'Beslissing geregistreerd.' : r.body.message;
    } }, 'Beslissing registreren');
    return el('li', {}, el('strong', {}, `${i.dossierReference} — ${i.clientName}`), i.urgent ? ' (dringend)' : '',
      el('p', {}, `Voorstel: ${choiceLabel(council?.proposalSchema.properties.proposal, i.proposal.proposal)}, ${i.proposal.motivation}`),
      i.status === 'scheduled' ? [result, motivation, button, status] : `Beslist: ${choiceLabel(resultSchema, i.decision?.result)}`);
  });
  render(`BCSD ${m.date} ${m.time}`, el('p', {}, `${m.place} · agenda sluit ${m.cutoffDate} · ${MEETING_STATUS[m.status] ?? m.status}`),
    el('button', { type: 'button', onclick: () => downloadFile(`/council/meetings/${id}/agenda.pdf`, `agenda-${m.date}.pdf`) }, 'Agenda als PDF'),
    el('ol', {}, items));
}

async function paymentsScreen(message = '') {
  const due = await api('GET', '/payments?status=due');
  const batches = await api('GET', '/payment-batches');
  const status = el('p', { role: 'status' }, message);
  // The batch takes what is due by its execution date; default: the last due date listed.
  const last = (due.body?.items ?? []).map((p) => p.dueDate).sort().at(-1);
  const execution = el('input', { id: 'execution', type: 'date', value: last ?? new Date().toISOString().slice(0, 10) });
  render('Betalingen',
    el('section', { 'aria-label': 'Te betalen' }, el('h2', {}, `Te betalen (${due.body?.items?.length ?? 0})`),
      el('ul', {}, (due.body?.items ?? []).map(duePayment)),
      el('label', { for: 'execution' }, 'Uitvoeringsdatum'), execution,
      el('button', { type: 'button', onclick: async () => {
        const r = await api('POST', '/payment-batches', { requestedExecutionDate: execution.value });
        // A day TARGET2 does not settle moves to the next business day: the API says so (requestedExecutionDateNote).
        if (r.ok) paymentsScreen(`Batch met ${r.body.nbOfTxs} betalingen aangemaakt.${r.body.requestedExecutionDateNote ? ` ${r.body.requestedExecutionDateNote}` : ''}`);
        else status.textContent = r.body.message;
      } }, 'Batch aanmaken'), status),
    el('section', { 'aria-label': 'Batches' }, el('h2', {}, 'Batches'),
      el('ul', {}, (batches.body?.items ?? []).map((b) => el('li', {}, `${b.requestedExecutionDate}: ${b.nbOfTxs} betalingen, ${BATCH_STATUS[b.status] ?? b.status} `,
        el('button', { type: 'button', onclick: () => downloadFile(`/payment-batches/${b.id}/sepa.xml`, `sepa-${b.id}.xml`) }, 'SEPA-bestand'),
        b.status === 'created' ? el('button', { type: 'button', onclick: async () => { await api('POST', `/payment-batches/${b.id}/executed`); paymentsScreen(); } }, 'Uitgevoerd') : '')))));
}

// A due payment: what, to whom, how and from which account; a cash payment is marked paid here with its receipt.
/** 131420 → '€ 1.314,20', as libs/format/dutch.ts writes it (the web app has no build step to import it). */
const euro = (cents) => `€ ${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(cents % 100).padStart(2, '0')}`;
const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** '2026-04-01' → '1 april 2026', as libs/format/dutch.ts writes it. */
const dateNl = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS_NL[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

function duePayment(p) {
  const from = p.debtorAccount && !p.debtorAccount.own ? `, van ${p.debtorAccount.name}` : '';
  const line = `${p.dossierReference} · ${p.kindLabel} ${p.periodLabel}${p.debtRef ? ` (${p.debtRef})` : ''} aan ${p.payee.name} — ${p.methodLabel}${from}: ${euro(p.amountCents)}, vervalt op ${dateNl(p.dueDate)}`;
  if (p.method !== 'cash') return el('li', {}, line);
  const id = `receipt-${p.id}`;
  const receipt = el('input', { id, type: 'text', maxlength: '35' });
  const status = el('span', { role: 'status' });
  return el('li', {}, `${line} `, el('label', { for: id }, 'Ontvangstbewijs'), receipt,
    el('button', { type: 'button', onclick: async () => {
      const r = await api('POST', `/payments/${p.id}/cash-receipt`, { receiptRef: receipt.value });
      if (r.ok) paymentsScreen(`Contante betaling aan ${p.payee.name} betaald tegen ontvangstbewijs ${r.body.receiptRef}.`);
      else status.textContent = r.body.errors?.[0]?.message ?? r.body.message;
    } }, 'Contant betaald'), status);
}

async function downloadFile(path, name) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${state.token}` } });
  const url = URL.createObjectURL(await res.blob());
  el('a', { href: url, download: name }).click();
}

async function route() {
  header();
  const path = location.pathname;
  if (!state.token && path !== '/app/aanmelden') return go('/app/aanmelden');
  if (path === '/app/aanmelden') return loginScreen();
  let m;
  if ((m = path.match(/^\/app\/taken\/([0-9a-f-]{36})$/))) return taskScreen(m[1]);
  if ((m = path.match(/^\/app\/dossiers\/([0-9a-f-]{36})$/))) return dossierScreen(m[1]);
  if (path === '/app/nieuwe-aanvraag') return newRequestScreen();
  if (path === '/app/team') return teamScreen();
  if ((m = path.match(/^\/app\/bcsd\/([0-9a-f-]{36})$/))) return meetingScreen(m[1]);
  if (path === '/app/bcsd') return councilScreen();
  if (path === '/app/betalingen') return paymentsScreen();
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

// The shared states of tasks, legal deadlines, sessions and payment batches (the same for every procedure).
const TASK_STATUS = { open: 'open', claimed: 'geclaimd', completed: 'afgerond', cancelled: 'geannuleerd' };
const DEADLINE_STATUS = {
  running: 'loopt', 'at-risk': 'in gevaar', met: 'gehaald', breached: 'overschreden', suspended: 'geschorst', cancelled: 'vervallen',
  expired: 'verstreken', informative: 'indicatief (verstreken)',
};
const MEETING_STATUS = { planned: 'gepland', closed: 'gesloten' };
const BATCH_STATUS = { created: 'aangemaakt', executed: 'uitgevoerd' };

async function inboxScreen() {
  const [res, all] = await Promise.all([api('GET', '/tasks?pageSize=500'), procedures()]);
  const rows = res.body.items.map((t) => {
    // Days left only for a task still to be done: a finished one has no deadline to watch.
    const todo = t.status === 'open' || t.status === 'claimed';
    const d = todo ? daysLeft(t.dueDate) : null;
    return el('tr', { class: riskClass(d) },
      el('td', {}, el('a', { href: `/app/taken/${t.id}` }, taskTitle(all, t))),
      el('td', {}, el('a', { href: `/app/dossiers/${t.dossierId}` }, t.dossierReference)),
      el('td', {}, t.clientName), el('td', {}, t.dueDate ?? '—'), el('td', {}, d === null ? '—' : d < 0 ? `${-d} dagen te laat` : `${d} dagen`),
      el('td', {}, TASK_STATUS[t.status] ?? t.status));
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
  render(taskTitle(await procedures(), task), el('p', {}, 'Dossier ', el('a', { href: `/app/dossiers/${task.dossierId}` }, task.dossierReference), ` · ${task.clientName} · uiterlijk ${task.dueDate ?? '—'}`), form);
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
  const [notices, all] = await Promise.all([api('GET', `/dossiers/${id}/notices`), procedures()]);
  render(`Dossier ${d.reference}`,
    el('section', { 'aria-label': 'Cliënt en status' }, el('p', {}, `${d.person.firstName} ${d.person.lastName} · ${procedureTitle(all, d.procedure)} · status `,
      el('strong', { 'data-status': d.status }, statusLabel(all, d.procedure, d.status)))),
    el('section', { 'aria-label': 'Termijnen' }, el('h2', {}, 'Termijnen'),
      el('ul', {}, d.deadlines.map((x) => el('li', { class: riskClass(x.daysLeft) },
        el('strong', {}, `${x.title}: uiterlijk ${x.dueDate ?? '(geschorst)'} — ${DEADLINE_STATUS[x.status] ?? x.status}`),
        el('details', {}, el('summary', {}, 'Waarom deze datum?'), el('p', {}, x.explanation)))))),
    el('section', { 'aria-label': 'Taken' }, el('h2', {}, 'Taken'),
      el('ul', {}, [...d.openTasks, ...d.doneTasks].map((t) => el('li', {}, t.status === 'completed'
        ? `${taskTitle(all, t)} (afgerond)`
        : el('a', { href: `/app/taken/${t.id}` }, `${taskTitle(all, t)} (${TASK_STATUS[t.status] ?? t.status})`))))),
    ...((d.parties ?? []).length === 0 ? [] : [el('section', { 'aria-label': 'Betrokken partijen' }, el('h2', {}, 'Betrokken partijen'),
      el('ul', {}, d.parties.map((l) => el('li', {}, `${l.roleLabel}: ${l.party.name}${l.reference ? ` (kenmerk ${l.reference})` : ''}${l.endedAt ? ' — beëindigd' : ''}`))))]),
    el('section', { 'aria-label': 'Brieven' }, el('h2', {}, 'Brieven'),
      el('ul', {}, (notices.body?.items ?? []).map((n) => el('li', {}, `${n.kind ?? n.key}${n.recipientParty ? ` aan ${n.recipientParty.name}` : ''} `, el('button', { type: 'button', onclick: () => download(n.id, n.key) }, `Download PDF (${n.key})`))))),
    el('section', { 'aria-label': 'Tijdlijn' }, el('h2', {}, 'Tijdlijn'), el('ol', {}, d.timeline.map((e) => el('li', {}, `${new Date(e.at).toLocaleString('nl-BE', { timeZone: 'Europe/Brussels' })} — ${e.description}`)))));
}

function download(noticeId, key) {
  return downloadFile(`/notices/${noticeId}/pdf`, `${key}.pdf`);
}

route();
