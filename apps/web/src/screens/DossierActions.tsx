// The dossier page's parts that change it: events from outside (a social worker records what arrived, no partner
// logs in), the household (add a member, end a membership) and links to other dossiers (by their reference). Each
// action only for the roles that may do it (libs/auth/permissions.ts); the API decides anyway.
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type ApiProblem } from '../api/client';
import type { paths } from '../api/schema';
import type { Action } from '../../../../libs/auth/permissions';
import { ConfirmButton } from '../components/Confirm';
import { atEventField, EventFields, type EventKind, type EventState, emptyEvent, eventBody } from '../components/EventFields';
import { usePicks } from '../components/picks';
import { type FoundPerson, PersonSearch } from '../components/PersonSearch';
import { dutchError, type FieldError, type ObjectSchema } from '../components/SchemaForm';
import { dateLong } from '../format';
import { t } from '../i18n';
import type { Catalogue } from '../procedures';
import { may, useSession } from '../session';
import { refusal } from './TaskScreen';

type Dossier = paths['/dossiers/{id}']['get']['responses']['200']['content']['application/json'];
type Events = paths['/dossiers/{id}/events']['get']['responses']['200']['content']['application/json'];
/** After a change: the message to show, and the dossier is loaded again. */
export type Done = (message: string) => void;

type Problem = ApiProblem & { existingId?: string; mergedInto?: string };
export const fieldErrors = (error: unknown) => ((error as Problem | undefined)?.errors ?? []) as FieldError[];
/** The errors no field shows, in Dutch, or the refusal. */
export const generalText = (errors: FieldError[], status: number, shown: (e: FieldError) => boolean) =>
  errors.length ? errors.filter((e) => !shown(e)).map(dutchError).join(' ') : refusal(status);
export const errorLine = (id: string, errors: FieldError[], path: string) => {
  const e = errors.find((x) => x.path === path);
  return <p className="error" id={id} aria-live="polite">{e ? dutchError(e) : ''}</p>;
};

/** "Gebeurtenissen van buitenaf": the events recorded with title, date, reference, delivery; the form for who may. */
export function EventsSection({ dossier: d, catalogue, version, done }: { dossier: Dossier; catalogue: Catalogue; version: number; done: Done }) {
  const { user } = useSession();
  const [items, setItems] = useState<Events['items'] | null>(null);
  const [event, setEvent] = useState<EventState>(emptyEvent);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const procedure = catalogue.get(d.procedure);
  useEffect(() => {
    if (!may(user, 'event:read')) return;
    void api.GET('/dossiers/{id}/events', { params: { path: { id: d.id } } }).then(({ data }) => setItems(data?.items ?? []));
  }, [d.id, version, user]);
  const picks = usePicks(procedure?.events.map((k) => k.schema as ObjectSchema), d.id, version);
  if (!may(user, 'event:read') || !procedure) return null;
  const all: EventKind[] = procedure.events.map((k) => ({ ...k, procedure }));
  // An event that opens a dossier is recorded at the intake; in a dossier only the others — a decision recorded as an
  // event (an LOI sanction) only for who holds its permission.
  // A dossier that winds up (the last Wet 1965 claims after the aid ended) takes only the kinds its status names.
  const takesOnly = procedure.statuses.find((s) => s.code === d.status)?.takesOnly;
  const kinds = all.filter((k) => !k.opensDossier && (!k.permission || may(user, k.permission as Action)) && (!takesOnly || takesOnly.includes(k.kind)));
  const title = (type: string, fallback?: string) => all.find((k) => k.kind === type)?.title ?? fallback ?? type;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setGeneral('');
    const { data, error, response } = await api.POST('/dossiers/{id}/events', { params: { path: { id: d.id } }, body: eventBody(kinds, event) as never });
    if (!data) {
      const errs = fieldErrors(error);
      setErrors(errs);
      return setGeneral(generalText(errs, response.status, atEventField));
    }
    const r = data as { duplicate?: boolean; reference?: string };
    setEvent(emptyEvent);
    done(r.duplicate ? t.event.duplicate(r.reference ?? '') : t.event.recorded);
  };
  return (
    <section aria-label={t.event.section}>
      <h2>{t.event.section}</h2>
      {items && items.length === 0 && <p>{t.event.none}</p>}
      {items && items.length > 0 && (
        <ul id="events">
          {items.map((x) => (
            <li key={x.id}>{t.event.item(title(x.type, x.title), dateLong(x.occurredOn), x.reference, t.event.delivery[x.delivery] ?? x.delivery)}</li>
          ))}
        </ul>
      )}
      {may(user, 'event:record') && !d.closedAt && kinds.length > 0 && (
        <form aria-label={t.event.form} noValidate onSubmit={(e) => void submit(e)}>
          <h3>{t.event.form}</h3>
          <EventFields prefix="ev" kinds={kinds} value={event} onChange={setEvent} errors={errors} picks={picks} />
          <button type="submit">{t.event.submit}</button>
          <p className="error" role="alert">{general}</p>
        </form>
      )}
    </section>
  );
}

const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;

/** "Gezin": the members with role and dates; for who may, ending a running membership (confirmed) and adding one. */
export function HouseholdSection({ dossier: d, catalogue, done }: { dossier: Dossier; catalogue: Catalogue; done: Done }) {
  const { user } = useSession();
  const procedure = catalogue.get(d.procedure);
  const persons = d.persons ?? [];
  const editable = !!procedure?.household && may(user, 'dossier:household') && !d.closedAt;
  if (persons.length === 0 && !editable) return null;
  return (
    <section aria-label={t.dossier.household}>
      <h2>{t.dossier.household}</h2>
      <ul>
        {persons.map((m) => (
          <li key={m.id ?? 'applicant'}>
            {t.dossier.member(m.roleLabel, fullName(m.person), m.role === 'applicant' ? null : dateLong(m.fromDate), m.toDate ? dateLong(m.toDate) : null, !!m.endedAt)}
            {editable && m.role !== 'applicant' && !m.endedAt && m.id && <> <EndMembership dossierId={d.id} membershipId={m.id} name={fullName(m.person)} role={m.roleLabel} done={done} /></>}
          </li>
        ))}
      </ul>
      {editable && <MemberForm dossierId={d.id} roles={procedure?.householdRoles ?? []} done={done} />}
    </section>
  );
}

function EndMembership({ dossierId, membershipId, name, role, done }: { dossierId: string; membershipId: string; name: string; role: string; done: Done }) {
  const [toDate, setToDate] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const id = `end-${membershipId}`;
  const end = async () => {
    setErrors([]);
    const { error, response } = await api.DELETE('/dossiers/{id}/persons/{membershipId}', { params: { path: { id: dossierId, membershipId }, query: toDate ? { toDate } : {} } } as never);
    if (response.ok) return done(t.householdActions.ended(name, role));
    const errs = fieldErrors(error);
    setErrors(errs);
    return generalText(errs, response.status, (e) => e.path === '/toDate');
  };
  return (
    <ConfirmButton label={t.householdActions.end(name)} question={t.householdActions.endQuestion(name, role)} confirmLabel={t.householdActions.endSubmit} onConfirm={end} onCancel={() => { setToDate(''); setErrors([]); }}>
      <label htmlFor={id}>{t.householdActions.until}</label>
      <input id={id} type="date" aria-describedby={`${id}-error`} value={toDate} onChange={(e) => setToDate(e.target.value)} />
      {errorLine(`${id}-error`, errors, '/toDate')}
    </ConfirmButton>
  );
}

function MemberForm({ dossierId, roles, done }: { dossierId: string; roles: { role: string; label: string }[]; done: Done }) {
  const [person, setPerson] = useState<FoundPerson | null>(null);
  const [role, setRole] = useState('');
  const [fromDate, setFromDate] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const [personError, setPersonError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setGeneral('');
    setPersonError('');
    if (!person) return setPersonError(t.householdActions.searchFirst);
    const { data, error, response } = await api.POST('/dossiers/{id}/persons', { params: { path: { id: dossierId } }, body: { personId: person.id, role, ...(fromDate ? { fromDate } : {}) } as never });
    if (!data) {
      const p = error as Problem | undefined;
      const roleLabel = roles.find((r) => r.role === role)?.label ?? role;
      if (p?.existingId) return setGeneral(t.householdActions.already(fullName(person), roleLabel));
      if (p?.mergedInto) return setGeneral(t.householdActions.merged);
      const errs = fieldErrors(error);
      setErrors(errs);
      return setGeneral(generalText(errs, response.status, (x) => ['/personId', '/role', '/fromDate'].includes(x.path)));
    }
    done(t.householdActions.added(fullName(person), (data as { roleLabel: string }).roleLabel));
  };
  return (
    <form aria-label={t.householdActions.form} noValidate onSubmit={(e) => void submit(e)}>
      <h3>{t.householdActions.form}</h3>
      <PersonSearch prefix="hh" label={t.householdActions.nn} onFound={setPerson} />
      <p className="error" id="hh-personId-error" aria-live="polite">{personError || (errors.find((x) => x.path === '/personId') ? dutchError(errors.find((x) => x.path === '/personId')!) : '')}</p>
      <label htmlFor="hh-role">{t.householdActions.role}</label>
      <select id="hh-role" aria-required aria-describedby="hh-role-error" value={role} onChange={(e) => setRole(e.target.value)}>
        <option value="">{t.householdActions.chooseRole}</option>
        {roles.map((r) => (
          <option key={r.role} value={r.role}>{r.label}</option>
        ))}
      </select>
      {errorLine('hh-role-error', errors, '/role')}
      <label htmlFor="hh-fromDate">{t.householdActions.from}</label>
      <input id="hh-fromDate" type="date" aria-describedby="hh-fromDate-error" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
      {errorLine('hh-fromDate-error', errors, '/fromDate')}
      <button type="submit">{t.householdActions.submit}</button>
      <p className="error" role="alert">{general}</p>
    </form>
  );
}

/** "Gekoppelde dossiers": role, procedure, status, reason; for who may link, ending a link made by hand and linking one. */
export function LinksSection({ dossier: d, done }: { dossier: Dossier; done: Done }) {
  const { user } = useSession();
  const links = d.links ?? [];
  const editable = may(user, 'dossier:link');
  if (links.length === 0 && !editable) return null;
  return (
    <section aria-label={t.dossier.links}>
      <h2>{t.dossier.links}</h2>
      <ul>
        {links.map((l) => (
          <li key={l.id}>
            {`${l.roleLabel}: `}
            <Link to={`/dossiers/${l.dossier.id}`}>{l.dossier.reference}</Link>
            {t.dossier.link(l.dossier.procedureTitle, l.dossier.statusLabel, l.reason, !!l.endedAt)}
            {/* A link a procedure made is part of both files and does not end (the API refuses it: opened-link). */}
            {editable && l.kind === 'related' && !l.endedAt && (
              <>
                {' '}
                <ConfirmButton
                  label={t.linkActions.end(l.dossier.reference)}
                  question={t.linkActions.endQuestion(l.dossier.reference)}
                  confirmLabel={t.linkActions.endSubmit}
                  onConfirm={async () => {
                    const { response } = await api.DELETE('/dossiers/{id}/links/{linkId}', { params: { path: { id: d.id, linkId: l.id } } } as never);
                    return response.ok ? done(t.linkActions.ended(l.dossier.reference)) : refusal(response.status);
                  }}
                />
              </>
            )}
          </li>
        ))}
      </ul>
      {editable && <LinkForm dossierId={d.id} done={done} />}
    </section>
  );
}

function LinkForm({ dossierId, done }: { dossierId: string; done: Done }) {
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [notFound, setNotFound] = useState(false);
  const [general, setGeneral] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    setGeneral('');
    setNotFound(false);
    const ref = reference.trim();
    const found = /^[A-Za-z]{1,10}-[0-9]{4}-[0-9]{1,12}$/.test(ref) ? await api.GET('/dossiers', { params: { query: { reference: ref } } } as never) : null;
    const other = (found?.data as { items?: { id: string; reference: string }[] } | undefined)?.items?.[0];
    if (!other) return setNotFound(true);
    const { data, error, response } = await api.POST('/dossiers/{id}/links', { params: { path: { id: dossierId } }, body: { dossierId: other.id, reason } as never });
    if (!data) {
      if ((error as Problem | undefined)?.existingId) return setGeneral(t.linkActions.already(other.reference));
      const errs = fieldErrors(error);
      setErrors(errs);
      return setGeneral(generalText(errs, response.status, (x) => ['/dossierId', '/reason'].includes(x.path)));
    }
    done(t.linkActions.linked(other.reference));
  };
  return (
    <form aria-label={t.linkActions.form} noValidate onSubmit={(e) => void submit(e)}>
      <h3>{t.linkActions.form}</h3>
      <label htmlFor="ln-reference">{t.linkActions.reference}</label>
      <input id="ln-reference" aria-required placeholder="LL-2026-000123" aria-describedby="ln-reference-error" value={reference} onChange={(e) => setReference(e.target.value)} />
      <p className="error" id="ln-reference-error" aria-live="polite">{notFound ? t.linkActions.notFound : errors.find((x) => x.path === '/dossierId') ? dutchError(errors.find((x) => x.path === '/dossierId')!) : ''}</p>
      <label htmlFor="ln-reason">{t.linkActions.reason}</label>
      <input id="ln-reason" aria-required maxLength={1000} aria-describedby="ln-reason-error" value={reason} onChange={(e) => setReason(e.target.value)} />
      {errorLine('ln-reason-error', errors, '/reason')}
      <button type="submit">{t.linkActions.submit}</button>
      <p className="error" role="alert">{general}</p>
    </form>
  );
}
