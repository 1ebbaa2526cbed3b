import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type ApiProblem } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dutchError, type FieldError, type FieldSchema, initialState, localErrors, type ObjectSchema, SchemaForm, toValue } from '../components/SchemaForm';
import { dateLong, euro } from '../format';
import { t } from '../i18n';
import { type Catalogue, useCatalogue } from '../procedures';
import { Confirm } from './PaymentsScreen';
import { SessionForm, sessionBody, sessionRefusal } from './CouncilScreen';
import { refusal } from './TaskScreen';

type Meeting = paths['/council/meetings/{id}']['get']['responses']['200']['content']['application/json'];
type Item = Meeting['items'][number] & { procedure?: string };
type Summaries = paths['/council/meetings']['get']['responses']['200']['content']['application/json']['items'];

/** A proposal's value as a person reads it: a choice by its Dutch title, an amount in euros, a date in words. */
function shown(name: string, s: FieldSchema | undefined, v: unknown): string {
  if (s?.oneOf) return s.oneOf.find((o) => o.const === v)?.title ?? String(v);
  if (typeof v === 'number' && /Cents$/.test(name)) return euro(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dateLong(v);
  if (typeof v === 'boolean') return v ? t.council.yes : t.council.no;
  return String(v);
}

/** The decision schema of an item's kind in its procedure, without the decision date (the session's date). */
function decisionSchema(catalogue: Catalogue, item: Item): ObjectSchema {
  const schema = catalogue.get(item.procedure ?? '')?.council.decisions.find((d) => d.itemKind === item.kind)?.schema as ObjectSchema | undefined;
  const { decisionDate: _omit, ...properties } = schema?.properties ?? {};
  return { ...schema, properties, required: (schema?.required ?? []).filter((r) => r !== 'decisionDate') };
}

/** A session's agenda: each proposal in full, decisions (or the chair's urgent one), moving, closing, the PDF. */
export function MeetingScreen() {
  const { id = '' } = useParams();
  const catalogue = useCatalogue();
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [others, setOthers] = useState<Summaries>([]);
  const [missing, setMissing] = useState(false);
  const [message, setMessage] = useState('');
  const [closing, setClosing] = useState(false);
  const reload = useCallback(async () => {
    const [m, all] = await Promise.all([api.GET('/council/meetings/{id}', { params: { path: { id } } }), api.GET('/council/meetings')]);
    if (m.data) setMeeting(m.data);
    else setMissing(true);
    setOthers((all.data?.items ?? []).filter((x) => x.id !== id && x.status === 'planned' && x.agendaOpen !== false));
  }, [id]);
  useEffect(() => void reload(), [reload]);

  if (missing) return <Page title={t.errors.notFound}><p>{t.refusal[404]}</p></Page>;
  if (!meeting || !catalogue) return <Page title={t.app.loading}><Loading /></Page>;
  const title = t.council.meeting(dateLong(meeting.date), meeting.time);
  const items = meeting.items as Item[];
  const open = items.filter((i) => i.status === 'scheduled').length;
  // The message after the data it tells of, so neither reads ahead of the other.
  const done = async (text: string) => { await reload(); setMessage(text); };
  return (
    <Page title={title}>
      <p>{t.council.meta(meeting.place, dateLong(meeting.cutoffDate), t.council.status[meeting.status] ?? meeting.status, t.council.kind[meeting.kind] ?? meeting.kind)}</p>
      <p><a href={`/council/meetings/${meeting.id}/agenda.pdf`} download={`agenda-${meeting.date}.pdf`}>{t.council.pdf}</a></p>
      <p role="status">{message}</p>
      <section aria-labelledby="agenda">
        <h2 id="agenda">{t.council.agenda(items.length)}</h2>
        {items.map((i) => (
          <AgendaItem key={i.id} item={i} meeting={meeting} others={others} catalogue={catalogue} onDone={done} />
        ))}
      </section>
      {meeting.status === 'planned' && (
        <>
          <MoveSession meeting={meeting} onDone={done} />
          <section aria-labelledby="close">
            <h2 id="close">{t.council.close}</h2>
            {closing ? (
              <Confirm
                text={t.council.closeConfirm(open)}
                confirm={t.council.confirm}
                onCancel={() => setClosing(false)}
                onConfirm={async () => {
                  const { response, error } = await api.POST('/council/meetings/{id}/close', { params: { path: { id } } });
                  setClosing(false);
                  // A refusal names its reason in `code`: said here in Dutch.
                  const refused = error as { code?: string; openItems?: number } | undefined;
                  const why =
                    refused?.code === 'not-yet-held' ? t.council.notYet(dateLong(meeting.date))
                    : refused?.code === 'undecided-items' ? t.council.stillOpen(refused.openItems ?? open)
                    : refused?.code === 'already-closed' ? t.council.alreadyClosed
                    : refusal(response.status);
                  await done(response.ok ? t.council.closed : why);
                }}
              />
            ) : (
              <button type="button" onClick={() => setClosing(true)}>{t.council.close}</button>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

function AgendaItem({ item, meeting, others, catalogue, onDone }: { item: Item; meeting: Meeting; others: Summaries; catalogue: Catalogue; onDone(text: string): Promise<void> }) {
  const procedure = catalogue.get(item.procedure ?? '');
  const proposalSchema = (procedure?.council.proposalSchema ?? {}) as ObjectSchema;
  const proposal = (item.proposal ?? {}) as Record<string, unknown>;
  const schema = decisionSchema(catalogue, item);
  const results = schema.properties?.result?.oneOf ?? [];
  // The form starts from the proposal: its fields, and the result that answers it (grant → granted, refuse → refused).
  const answer = results.find((r) => typeof proposal.proposal === 'string' && String(r.const).startsWith(proposal.proposal.slice(0, 4))) ?? results[0];
  const [state, setState] = useState(() => ({ ...initialState(schema, proposal), ...(answer ? { result: String(results.indexOf(answer)) } : {}) }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const [urgent, setUrgent] = useState(false);
  const heading = `${t.council.item(item.dossierReference ?? '', item.clientName ?? null)}${item.urgent ? t.council.urgentMark : ''}`;
  const resultLabel = (v: unknown) => results.find((r) => r.const === v)?.title ?? String(v ?? '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral('');
    const local = localErrors(schema, state);
    if (local.length) return setErrors(local);
    const body = toValue(schema, state) as never;
    const { response, error } = urgent
      ? await api.POST('/council/urgent-decisions', { body: { ...(body as object), itemId: item.id } as never })
      : await api.POST('/council/meetings/{id}/items/{itemId}/decision', { params: { path: { id: meeting.id, itemId: item.id } }, body });
    if (response.ok) return onDone(t.council.recorded);
    const list = ((error as ApiProblem | undefined)?.errors ?? []) as FieldError[];
    setErrors(list);
    const unplaced = list.filter((x) => !(x.path.slice(1) in (schema.properties ?? {})));
    setGeneral(list.length === 0 ? refusal(response.status) : unplaced.map(dutchError).join(' '));
  };

  return (
    <article aria-labelledby={`item-${item.id}`}>
      <h3 id={`item-${item.id}`}>{heading}</h3>
      <dl>
        <dt>{t.council.fields.client}</dt><dd>{item.clientName ?? '—'} (<Link to={`/dossiers/${item.dossierId}`}>{item.dossierReference}</Link>)</dd>
        <dt>{t.council.fields.procedure}</dt><dd>{catalogue.title(item.procedure ?? '')}</dd>
        {Object.entries(proposal).filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object').map(([name, v]) => (
          <div key={name}>
            <dt>{(proposalSchema.properties?.[name]?.title ?? name).replace(/ \(cent\)$/, '')}</dt>
            <dd className="multiline">{shown(name, proposalSchema.properties?.[name], v)}</dd>
          </div>
        ))}
        {item.decisionDue && <><dt>{t.council.fields.decisionDue}</dt><dd>{dateLong(item.decisionDue)}</dd></>}
        <dt>{t.council.fields.hearing}</dt><dd>{item.hearingRequested ? t.council.yes : t.council.no}</dd>
      </dl>
      {item.status === 'scheduled' && meeting.status === 'planned' ? (
        <>
          <form aria-label={`${t.council.result} ${item.dossierReference}`} noValidate onSubmit={(e) => void submit(e)}>
            <SchemaForm schema={schema} state={state} onChange={setState} errors={errors} idPrefix={`d-${item.id}`} />
            <label>
              <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} /> {t.council.recordUrgent}
            </label>
            <button type="submit">{t.council.record}</button>
            <p className="error" role="alert">{general}</p>
          </form>
          <MoveItem item={item} meeting={meeting} others={others} onDone={onDone} />
        </>
      ) : (
        <p>{item.status === 'decided' ? t.council.decided(resultLabel((item.decision as { result?: unknown } | null)?.result)) : t.council.itemStatus[item.status] ?? item.status}</p>
      )}
    </article>
  );
}

function MoveItem({ item, meeting, others, onDone }: { item: Item; meeting: Meeting; others: Summaries; onDone(text: string): Promise<void> }) {
  const [to, setTo] = useState(others[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const p = `move-${item.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!to || !reason.trim()) return setError(t.errors.required);
    const { data, response } = await api.POST('/council/meetings/{id}/items/{itemId}/move', { params: { path: { id: meeting.id, itemId: item.id } }, body: { toMeetingId: to, reason } });
    if (data) return onDone(t.council.moved(dateLong(data.date)));
    setError(refusal(response.status));
  };
  return (
    <details>
      <summary>{t.council.moveItem}</summary>
      <form noValidate onSubmit={submit} aria-label={`${t.council.moveItem} ${item.dossierReference}`}>
        <label htmlFor={`${p}-to`}>{t.council.toMeeting}</label>
        <select id={`${p}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
          {others.map((m) => <option key={m.id} value={m.id}>{`${t.council.session(dateLong(m.date), m.time)} (${t.council.kind[m.kind] ?? m.kind})`}</option>)}
        </select>
        <label htmlFor={`${p}-reason`}>{t.council.reason}</label>
        <textarea id={`${p}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit">{t.council.move}</button>
        <p role="alert">{error}</p>
      </form>
    </details>
  );
}

function MoveSession({ meeting, onDone }: { meeting: Meeting; onDone(text: string): Promise<void> }) {
  const [reason, setReason] = useState('');
  return (
    <SessionForm id="move" heading={t.council.moveSession} submitLabel={t.council.moveSession} initial={{ date: '', time: meeting.time, place: meeting.place }}
      onSubmit={async (value) => {
        if (!reason.trim()) return t.errors.required;
        const { data, response } = await api.POST('/council/meetings/{id}/move', { params: { path: { id: meeting.id } }, body: { ...sessionBody(value), reason } });
        if (!data) return sessionRefusal(response.status);
        await onDone(t.council.sessionMoved(dateLong(data.date)));
        return '';
      }}
    >
      <label htmlFor="move-reason">{t.council.reason}</label>
      <textarea id="move-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
    </SessionForm>
  );
}
