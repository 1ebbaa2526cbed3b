// The dossier screen's parts that change it from here: events from outside (a social worker records what arrived, no
// partner logs in), the household (add a member, end a membership) and links to other dossiers (by their reference).
// Each action is shown only to the roles that may do it (permissions.js); the API decides anyway.
import { api, dateNl, el, errorLine, refusal, showApiErrors, state } from './common.js';
import { eventFields } from './event-form.js';
import { may } from './permissions.js';
import { personSearch } from './person-form.js';

/** Where an event from outside is in its delivery to the dossier's workflow (GET /dossiers/:id/events: delivery). */
const DELIVERY = { pending: 'wordt aan het dossier bezorgd', delivered: 'ontvangen door het dossier', rejected: 'geweigerd door het dossier' };

/**
 * "Gebeurtenissen van buitenaf": the events recorded in the dossier with their Dutch title, date, reference and
 * delivery, and (for who may record one) the form: the kind from the procedure's definition (GET /procedures:
 * events), its data as a form generated from the kind's JSON schema, the date it occurred and the sender's reference.
 */
export async function eventsSection(d, all, done) {
  if (!may(state.user, 'event:read')) return [];
  const res = await api('GET', `/dossiers/${d.id}/events`);
  const kinds = all.get(d.procedure)?.events ?? [];
  const title = (e) => kinds.find((k) => k.kind === e.type)?.title ?? e.title;
  const list = (res.body?.items ?? []).length === 0
    ? el('p', {}, 'Nog geen gebeurtenissen van buitenaf.')
    : el('ul', { id: 'events' }, res.body.items.map((e) => el('li', {},
      `${title(e)} — ${dateNl(e.occurredOn)}${e.reference ? ` — kenmerk ${e.reference}` : ''} — ${DELIVERY[e.delivery] ?? e.delivery}`)));
  // An event that opens a dossier is recorded at the intake; in a dossier only the others.
  const recordable = kinds.filter((k) => !k.opensDossier);
  const section = el('section', { 'aria-label': 'Gebeurtenissen van buitenaf' }, el('h2', {}, 'Gebeurtenissen van buitenaf'), list);
  if (may(state.user, 'event:record') && !d.closedAt && recordable.length) section.append(eventForm(d, recordable, done));
  return [section];
}

function eventForm(d, kinds, done) {
  const event = eventFields(kinds, { prefix: 'ev' });
  const general = el('div', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': 'Gebeurtenis van buitenaf registreren' },
    el('h3', {}, 'Gebeurtenis van buitenaf registreren'), event.nodes, el('button', { type: 'submit' }, 'Gebeurtenis registreren'), general);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    event.clearErrors();
    const r = await api('POST', `/dossiers/${d.id}/events`, event.body());
    if (!r.ok) return event.showErrors(r, general);
    done(r.body.duplicate
      ? `Deze gebeurtenis (kenmerk ${r.body.reference}) was al geregistreerd: er is niets veranderd.`
      : 'Gebeurtenis geregistreerd.');
  });
  return form;
}

/**
 * A confirmation in the page (not a browser dialog) in place of the button that asked for it: the question, what
 * to confirm with, and "Annuleren", which brings the button back.
 */
function confirmInline(trigger, question, extra, confirmLabel, onConfirm) {
  trigger.hidden = true;
  const box = el('div', { role: 'group', 'aria-label': question, class: 'confirm' });
  const general = el('p', { class: 'error', role: 'alert' });
  box.append(el('p', {}, question), ...extra,
    el('button', { type: 'button', onclick: () => onConfirm(general) }, confirmLabel),
    el('button', { type: 'button', class: 'secondary', onclick: () => { box.remove(); trigger.hidden = false; trigger.focus(); } }, 'Annuleren'), general);
  return box;
}

/**
 * "Gezin": the applicant and the household members with their roles and dates; for who may change it, ending a
 * running membership (after a confirmation, on a date: empty is today) and adding a member — found by national
 * number, in a role with its Dutch label (GET /procedures: householdRoles), from a date (empty is today).
 */
export function householdSection(d, all, done) {
  const procedure = all.get(d.procedure);
  const persons = d.persons ?? [];
  const editable = procedure?.household && may(state.user, 'dossier:household') && !d.closedAt;
  if (persons.length <= 1 && !editable) return [];
  const name = (p) => `${p.person.firstName} ${p.person.lastName}`;
  const items = persons.map((p) => {
    const li = el('li', {}, `${p.roleLabel}: ${name(p)}${p.role === 'applicant' ? '' : ` (vanaf ${dateNl(p.fromDate)}${p.toDate ? ` tot ${dateNl(p.toDate)}` : ''})`}${p.endedAt ? ' — beëindigd' : ''}`);
    if (editable && p.role !== 'applicant' && !p.endedAt) {
      li.append(' ', el('button', { type: 'button', onclick: (e) => {
        const id = `end-${p.id}`;
        const toDate = el('input', { id, type: 'date', 'aria-describedby': `${id}-error` });
        const line = errorLine(`${id}-error`);
        li.append(confirmInline(e.target, `${name(p)} niet langer als ${p.roleLabel.toLowerCase()} in dit dossier opnemen?`,
          [el('label', { for: id }, 'Tot en met (leeg: vandaag)'), toDate, line], 'Lidmaatschap beëindigen', async (general) => {
            const r = await api('DELETE', `/dossiers/${d.id}/persons/${p.id}${toDate.value ? `?toDate=${toDate.value}` : ''}`);
            if (!r.ok) return showApiErrors(r, { '/toDate': line }, general);
            done(`${name(p)} is niet langer ${p.roleLabel.toLowerCase()} in dit dossier.`);
          }));
      } }, `Beëindigen: ${name(p)}`));
    }
    return li;
  });
  const section = el('section', { 'aria-label': 'Gezin' }, el('h2', {}, 'Gezin'), el('ul', {}, items));
  if (editable) section.append(memberForm(d, procedure.householdRoles ?? [], done));
  return [section];
}

function memberForm(d, roles, done) {
  const search = personSearch('hh', 'Rijksregisternummer of BIS-nummer van het gezinslid *');
  const role = el('select', { id: 'hh-role', required: true, 'aria-describedby': 'hh-role-error' },
    el('option', { value: '' }, '— kies een rol —'), roles.map((r) => el('option', { value: r.role }, r.label)));
  const fromDate = el('input', { id: 'hh-fromDate', type: 'date', 'aria-describedby': 'hh-fromDate-error' });
  const lines = { '/personId': errorLine('hh-personId-error'), '/role': errorLine('hh-role-error'), '/fromDate': errorLine('hh-fromDate-error') };
  const general = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': 'Gezinslid toevoegen' }, el('h3', {}, 'Gezinslid toevoegen'),
    search.nodes, lines['/personId'],
    el('label', { for: 'hh-role' }, 'Rol in het gezin *'), role, lines['/role'],
    el('label', { for: 'hh-fromDate' }, 'Vanaf (leeg: vandaag)'), fromDate, lines['/fromDate'],
    el('button', { type: 'submit' }, 'Gezinslid toevoegen'), general);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!search.person) { lines['/personId'].textContent = 'Zoek eerst het gezinslid op (een geregistreerde persoon).'; return; }
    const r = await api('POST', `/dossiers/${d.id}/persons`, { personId: search.person.id, role: role.value, ...(fromDate.value ? { fromDate: fromDate.value } : {}) });
    if (!r.ok) {
      if (r.body?.existingId) { general.textContent = `${search.person.firstName} ${search.person.lastName} is al ${role.selectedOptions[0].textContent.toLowerCase()} in dit dossier.`; return; }
      if (r.body?.mergedInto) { general.textContent = 'Deze persoon werd samengevoegd met een andere: voeg de behouden persoon toe.'; return; }
      return showApiErrors(r, lines, general);
    }
    done(`${search.person.firstName} ${search.person.lastName} toegevoegd als ${r.body.roleLabel.toLowerCase()}.`);
  });
  return form;
}

/**
 * "Gekoppelde dossiers": each with its role, procedure, status and reason; for who may link, ending a link made by
 * hand (after a confirmation) and linking another dossier of the team by its reference, with a reason.
 */
export function linksSection(d, done) {
  const links = d.links ?? [];
  const editable = may(state.user, 'dossier:link');
  if (links.length === 0 && !editable) return [];
  const items = links.map((l) => {
    const li = el('li', {}, `${l.roleLabel}: `, el('a', { href: `/app/dossiers/${l.dossier.id}` }, l.dossier.reference),
      ` · ${l.dossier.procedureTitle} · ${l.dossier.statusLabel} — ${l.reason}${l.endedAt ? ' — beëindigd' : ''}`);
    // A link a procedure made is part of both files and does not end (the API refuses it: opened-link).
    if (editable && l.kind === 'related' && !l.endedAt) {
      li.append(' ', el('button', { type: 'button', onclick: (e) => {
        li.append(confirmInline(e.target, `De koppeling met dossier ${l.dossier.reference} beëindigen?`, [], 'Koppeling beëindigen', async (general) => {
          const r = await api('DELETE', `/dossiers/${d.id}/links/${l.id}`);
          if (!r.ok) { general.textContent = refusal(r); return; }
          done(`De koppeling met dossier ${l.dossier.reference} is beëindigd.`);
        }));
      } }, `Koppeling beëindigen: ${l.dossier.reference}`));
    }
    return li;
  });
  const section = el('section', { 'aria-label': 'Gekoppelde dossiers' }, el('h2', {}, 'Gekoppelde dossiers'), el('ul', {}, items));
  if (editable) section.append(linkForm(d, done));
  return [section];
}

function linkForm(d, done) {
  const reference = el('input', { id: 'ln-reference', required: true, placeholder: 'LL-2026-000123', 'aria-describedby': 'ln-reference-error' });
  const reason = el('input', { id: 'ln-reason', required: true, maxlength: '1000', 'aria-describedby': 'ln-reason-error' });
  const lines = { '/dossierId': errorLine('ln-reference-error'), '/reason': errorLine('ln-reason-error') };
  const general = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { 'aria-label': 'Dossier koppelen' }, el('h3', {}, 'Dossier koppelen'),
    el('label', { for: 'ln-reference' }, 'Kenmerk van het andere dossier *'), reference, lines['/dossierId'],
    el('label', { for: 'ln-reason' }, 'Reden van de koppeling *'), reason, lines['/reason'],
    el('button', { type: 'submit' }, 'Dossier koppelen'), general);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const line of Object.values(lines)) line.textContent = '';
    general.textContent = '';
    const ref = reference.value.trim();
    const found = /^[A-Za-z]{1,10}-[0-9]{4}-[0-9]{1,12}$/.test(ref) ? await api('GET', `/dossiers?reference=${encodeURIComponent(ref)}`) : null;
    const other = found?.ok ? found.body.items[0] : undefined;
    if (!other) { lines['/dossierId'].textContent = 'Geen dossier van uw team met dit kenmerk.'; return; }
    const r = await api('POST', `/dossiers/${d.id}/links`, { dossierId: other.id, reason: reason.value });
    if (!r.ok) {
      if (r.body?.existingId) { general.textContent = `Dossier ${other.reference} is al aan dit dossier gekoppeld.`; return; }
      return showApiErrors(r, lines, general);
    }
    done(`Gekoppeld aan dossier ${other.reference}.`);
  });
  return form;
}
