import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong } from '../format';
import { t } from '../i18n';
import { refusal } from './TaskScreen';

type Meetings = paths['/council/meetings']['get']['responses']['200']['content']['application/json'];

/** The council secretary's session calendar: every session with its kind, state and number of items; a new extraordinary one. */
export function CouncilScreen() {
  const [meetings, setMeetings] = useState<Meetings | null>(null);
  const [message, setMessage] = useState('');
  const reload = useCallback(async () => {
    const { data } = await api.GET('/council/meetings');
    setMeetings(data ?? { items: [] } as unknown as Meetings);
  }, []);
  useEffect(() => void reload(), [reload]);

  if (!meetings) return <Page title={t.council.title}><Loading /></Page>;
  return (
    <Page title={t.council.title}>
      {meetings.items.length === 0 ? <p>{t.council.none}</p> : (
        <table>
          <thead>
            <tr>{t.council.columns.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {meetings.items.map((m) => (
              <tr key={m.id}>
                <td><Link to={`/bcsd/${m.id}`}>{t.council.session(dateLong(m.date), m.time)}</Link></td>
                <td>{t.council.kind[m.kind] ?? m.kind}</td>
                <td>{dateLong(m.cutoffDate)}</td>
                <td>{t.council.status[m.status] ?? m.status}</td>
                <td>{t.council.items(m.items ?? 0, m.urgentItems ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewSession onCreated={async (date) => { setMessage(t.council.created(dateLong(date))); await reload(); }} />
      <p role="status">{message}</p>
    </Page>
  );
}

/** A session form (date, time, place): creating an extraordinary session, or moving one (with a reason). */
export function SessionFields({ prefix, value, onChange }: { prefix: string; value: SessionValue; onChange(v: SessionValue): void }) {
  return (
    <>
      <label htmlFor={`${prefix}-date`}>{t.council.date}</label>
      <input id={`${prefix}-date`} type="date" value={value.date} onChange={(e) => onChange({ ...value, date: e.target.value })} />
      <label htmlFor={`${prefix}-time`}>{t.council.time}</label>
      <input id={`${prefix}-time`} value={value.time} onChange={(e) => onChange({ ...value, time: e.target.value })} />
      <label htmlFor={`${prefix}-place`}>{t.council.place}</label>
      <input id={`${prefix}-place`} value={value.place} onChange={(e) => onChange({ ...value, place: e.target.value })} />
    </>
  );
}
export interface SessionValue { date: string; time: string; place: string }
export const sessionBody = (v: SessionValue) => ({ date: v.date, ...(v.time ? { time: v.time } : {}), ...(v.place ? { place: v.place } : {}) });

/**
 * A titled session form (date, time, place and any further fields): its submit gives the Dutch error, or '' when done.
 * Used to create an extraordinary session and to move one.
 */
export function SessionForm({ id, heading, submitLabel, initial, onSubmit, children }: {
  id: string; heading: string; submitLabel: string; initial: SessionValue; onSubmit(v: SessionValue): Promise<string>; children?: ReactNode;
}) {
  const [value, setValue] = useState<SessionValue>(initial);
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(value.date ? await onSubmit(value) : t.errors.required);
  };
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <form noValidate onSubmit={submit}>
        <SessionFields prefix={id} value={value} onChange={setValue} />
        {children}
        <button type="submit">{submitLabel}</button>
        <p role="alert">{error}</p>
      </form>
    </section>
  );
}

/** The API's refusal of a session form in Dutch (a 400 is a date or time that is not one, or in the past). */
export const sessionRefusal = (status: number) => (status === 400 ? t.apiErrors.format : refusal(status));

function NewSession({ onCreated }: { onCreated(date: string): Promise<void> }) {
  return (
    <SessionForm id="new" heading={t.council.newSession} submitLabel={t.council.create} initial={{ date: '', time: '', place: '' }}
      onSubmit={async (value) => {
        const { data, response } = await api.POST('/council/meetings', { body: sessionBody(value) });
        if (!data) return sessionRefusal(response.status);
        await onCreated(data.date);
        return '';
      }}
    />
  );
}
