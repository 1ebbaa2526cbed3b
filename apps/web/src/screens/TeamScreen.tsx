import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { BREACH_CAUSES, type BreachCause } from '../../../../libs/domain/breach-causes';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong, datesInText } from '../format';
import { t } from '../i18n';
import { CompetenceOverview } from './CompetenceOverview';
import { refusal } from './TaskScreen';

type Board = paths['/dashboard/deadlines']['get']['responses']['200']['content']['application/json'];
type Workload = paths['/dashboard/workload']['get']['responses']['200']['content']['application/json'];
type Escalations = paths['/escalations']['get']['responses']['200']['content']['application/json'];
type Deadline = Board['atRisk'][number];

interface Data { board: Board; load: Workload; escalations: Escalations }

/** The team lead's page: deadlines at risk, their escalations to acknowledge, the workload per worker, reassignments. */
export function TeamScreen() {
  const [data, setData] = useState<Data | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    const [board, load, escalations] = await Promise.all([api.GET('/dashboard/deadlines'), api.GET('/dashboard/workload'), api.GET('/escalations')]);
    if (board.data && load.data && escalations.data) setData({ board: board.data, load: load.data, escalations: escalations.data });
    else setFailed(true);
  }, []);
  useEffect(() => void reload(), [reload]);

  if (failed) return <Page title={t.team.title}><p role="alert">{t.errors.generic}</p></Page>;
  if (!data) return <Page title={t.team.title}><Loading /></Page>;
  const { board, load, escalations } = data;
  const section = (id: string, heading: string, items: Deadline[]) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.deadlineId}>
            {i.dossierId ? <Link to={`/dossiers/${i.dossierId}`}>{i.dossierReference}</Link> : i.ruleId === 'DEBT-1' ? <Link to="/cijfers">{i.subject}</Link> : i.ruleId === 'LOI-7' ? <Link to="/loi">{i.subject}</Link> : <span>{i.subject}</span>}
            {t.team.deadline(i.title ?? '', i.dueDate ? dateLong(i.dueDate) : '—', i.daysLeft === null || i.daysLeft === undefined ? '—' : t.tasks.daysLeft(i.daysLeft), i.socialWorker?.displayName ?? (i.dossierId ? t.team.nobody : t.team.ocmwClock))}
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <Page title={t.team.title}>
      {section('at-risk', t.team.atRisk(board.atRisk.length), board.atRisk)}
      {section('breached', t.team.breached(board.breached.length), board.breached)}
      {section('this-week', t.team.thisWeek(board.dueThisWeek.length), board.dueThisWeek)}
      <section aria-labelledby="escalations">
        <h2 id="escalations">{t.team.escalations(escalations.items.length)}</h2>
        <ul>
          {escalations.items.map((x) => (
            <li key={x.id}>
              {`${t.team.level[x.level] ?? x.level}: ${datesInText(x.message)} `}
              {x.level === 'breach' ? (
                <AcknowledgeBreach id={x.id} onDone={reload} />
              ) : (
                <button type="button" onClick={async () => { await api.POST('/escalations/{id}/acknowledge', { params: { path: { id: x.id } }, body: {} }); await reload(); }}>
                  {t.team.seen}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="workload">
        <h2 id="workload">{t.team.workload}</h2>
        <table>
          <thead>
            <tr>{t.team.workloadColumns.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {load.workers.map((w) => (
              <tr key={w.user?.id}>
                <td>{w.user?.displayName}</td><td>{w.openTasks}</td><td>{w.overdueTasks}</td><td>{w.nearestDueDate ? dateLong(w.nearestDueDate) : '—'}</td>
              </tr>
            ))}
            <tr>
              <td>{t.team.unassigned}</td><td>{load.unassigned.openTasks}</td><td>{load.unassigned.overdueTasks}</td>
              <td>{load.unassigned.nearestDueDate ? dateLong(load.unassigned.nearestDueDate) : '—'}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <CompetenceOverview />
      <Reassign workers={load.workers.flatMap((w) => (w.user?.role === 'social-worker' && w.user.id ? [{ id: w.user.id, displayName: w.user.displayName ?? '' }] : []))} />
    </Page>
  );
}

/**
 * "Gezien" on a breach opens a modal dialog asking why the deadline was breached (the figures count breaches per
 * cause): a required cause and an optional explanation. Escape or "Annuleren" closes it; focus returns to the button.
 */
function AcknowledgeBreach({ id, onDone }: { id: string; onDone(): Promise<void> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [cause, setCause] = useState<BreachCause | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const close = () => { setError(''); dialog.current?.close(); };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!cause) return setError(t.team.cause.required);
    const { response } = await api.POST('/escalations/{id}/acknowledge', { params: { path: { id } }, body: { cause, ...(note.trim() ? { causeNote: note.trim() } : {}) } });
    if (!response.ok) return setError(refusal(response.status));
    close();
    await onDone();
  };
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>{t.team.seen}</button>
      <dialog ref={dialog} aria-labelledby={`cause-title-${id}`} onClose={() => setError('')}>
        <form noValidate onSubmit={submit}>
          <h2 id={`cause-title-${id}`}>{t.team.cause.title}</h2>
          <label htmlFor={`cause-${id}`}>{t.team.cause.label}</label>
          <select id={`cause-${id}`} value={cause} aria-required="true" aria-invalid={Boolean(error && !cause)} onChange={(e) => { setCause(e.target.value as BreachCause | ''); setError(''); }}>
            <option value="">{t.task.choose}</option>
            {BREACH_CAUSES.map((c) => <option key={c} value={c}>{t.team.cause.labels[c]}</option>)}
          </select>
          <label htmlFor={`cause-note-${id}`}>{t.team.cause.note}</label>
          <textarea id={`cause-note-${id}`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <p className="error" role="alert">{error}</p>
          <button type="submit">{t.team.cause.confirm}</button>
          <button type="button" className="secondary" onClick={close}>{t.confirm.cancel}</button>
        </form>
      </dialog>
    </>
  );
}

function Reassign({ workers }: { workers: { id: string; displayName: string }[] }) {
  const [from, setFrom] = useState(workers[0]?.id ?? '');
  const [to, setTo] = useState(workers[1]?.id ?? workers[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMessage(t.errors.required);
    const { data, response } = await api.POST('/team/reassignments', { body: { fromUserId: from, toUserId: to, reason } });
    setMessage(data ? t.team.transferred(data.movedTasks, data.movedDossiers) : refusal(response.status));
  };
  const options = workers.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>);
  return (
    <section aria-labelledby="reassign">
      <h2 id="reassign">{t.team.reassign}</h2>
      <form noValidate onSubmit={submit}>
        <label htmlFor="from">{t.team.absent}</label>
        <select id="from" value={from} onChange={(e) => setFrom(e.target.value)}>{options}</select>
        <label htmlFor="to">{t.team.replacement}</label>
        <select id="to" value={to} onChange={(e) => setTo(e.target.value)}>{options}</select>
        <label htmlFor="reason">{t.team.reason}</label>
        <input id="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit">{t.team.transfer}</button>
        <p role="status">{message}</p>
      </form>
    </section>
  );
}
