// The screens people work in (Dutch), talking only to the same HTTP API as everyone else. No build step: plain modules
// (common.js what every screen shares, person-form.js, dossier-actions.js, intake.js).
import {
  api, choiceLabel, choices, dateNl, daysLeft, el, euro, go, logout, procedures, procedureTitle, render, riskClass, schemaForm, setRouter,
  state, statusLabel, taskTitle,
} from './common.js';
import { MAY } from './permissions.js';
import { personForm } from './person-form.js';
import { eventsSection, householdSection, linksSection } from './dossier-actions.js';
import { intakeScreen } from './intake.js';

setRouter(route);
window.addEventListener('popstate', route);
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href^="/app/"]');
  if (a) { e.preventDefault(); go(a.getAttribute('href')); }
});
document.getElementById('logout').addEventListener('click', logout);

/** Each role sees the screens of what it may do (the API refuses the rest anyway). */
const MENU = [
  ['/app/taken', 'Mijn taken', ['social-worker', 'team-lead', 'council-secretary', 'finance']],
  ['/app/nieuwe-aanvraag', 'Nieuwe aanvraag', ['social-worker', 'team-lead']],
  ['/app/intake', 'Intake', MAY['intake:record']],
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

async function newRequestScreen() {
  const status = el('p', { role: 'status' });
  // Which procedure the request is for: every one GET /procedures lists, by its Dutch title (the first one chosen).
  const all = await procedures();
  const procedure = el('select', { id: 'procedure', name: 'procedure' }, [...all.values()].map((p) => el('option', { value: p.name }, p.title)));
  const submit = el('button', { type: 'submit' });
  const label = () => { submit.textContent = `Aanvraag ${all.get(procedure.value)?.letters.right ?? ''} openen`; };
  procedure.addEventListener('change', label);
  label();
  const person = personForm();
  const duplicate = el('div', { id: 'possible-duplicate', 'aria-live': 'polite' });
  const form = el('form', { 'aria-label': 'Nieuwe aanvraag' },
    el('label', { for: 'procedure' }, 'Procedure'), procedure, person.nodes,
    submit, duplicate, status);
  const open = async (confirmNotDuplicate) => {
    duplicate.replaceChildren();
    let personId = (await person.existing())?.id;
    if (!personId) {
      const created = await api('POST', '/persons', person.body(confirmNotDuplicate));
      if (person.duplicate(created, duplicate, () => open(true))) return;
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
  if (path === '/app/intake') return intakeScreen();
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


async function taskScreen(id) {
  const res = await api('GET', `/tasks/${id}`);
  if (!res.ok) return render('Taak niet gevonden', el('p', {}, res.body?.message ?? ''));
  const task = res.body;
  const outcome = schemaForm(task.outcomeSchema);
  const general = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': task.title }, outcome.nodes, el('button', { type: 'submit' }, 'Afronden'), general);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    outcome.clearErrors();
    general.textContent = '';
    const done = await api('POST', `/tasks/${id}/complete`, outcome.value());
    if (done.ok) return go(`/app/dossiers/${task.dossierId}`);
    const rest = outcome.showErrors(done.body?.errors ?? []);
    if (rest.length) general.textContent = rest.map((err) => err.message).join(' ');
    if (!done.body?.errors?.length) general.textContent = done.body?.message ?? 'Niet gelukt.';
  });
  render(taskTitle(await procedures(), task), el('p', {}, 'Dossier ', el('a', { href: `/app/dossiers/${task.dossierId}` }, task.dossierReference), ` · ${task.clientName} · uiterlijk ${task.dueDate ?? '—'}`), form);
}


/** The dossier; `message` says what was just done here (the screen is drawn again after each action). */
async function dossierScreen(id, message = '') {
  const res = await api('GET', `/dossiers/${id}`);
  if (!res.ok) return render('Dossier niet gevonden', el('p', {}, res.body?.message ?? ''));
  const d = res.body;
  const [notices, all] = await Promise.all([api('GET', `/dossiers/${id}/notices`), procedures()]);
  const done = (text) => dossierScreen(id, text);
  const events = await eventsSection(d, all, done);
  render(`Dossier ${d.reference}`, el('p', { role: 'status', id: 'dossier-message' }, message),
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
    ...householdSection(d, all, done),
    ...linksSection(d, done),
    ...events,
    el('section', { 'aria-label': 'Brieven' }, el('h2', {}, 'Brieven'),
      el('ul', {}, (notices.body?.items ?? []).map((n) => el('li', {}, `${n.kind ?? n.key}${n.recipientParty ? ` aan ${n.recipientParty.name}` : ''} `, el('button', { type: 'button', onclick: () => download(n.id, n.key) }, `Download PDF (${n.key})`))))),
    el('section', { 'aria-label': 'Tijdlijn' }, el('h2', {}, 'Tijdlijn'), el('ol', {}, d.timeline.map((e) => el('li', {}, `${new Date(e.at).toLocaleString('nl-BE', { timeZone: 'Europe/Brussels' })} — ${e.description}`)))));
}

function download(noticeId, key) {
  return downloadFile(`/notices/${noticeId}/pdf`, `${key}.pdf`);
}

route();
