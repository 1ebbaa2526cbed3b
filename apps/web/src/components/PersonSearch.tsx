import { useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateLong } from '../format';
import { t } from '../i18n';

export interface FoundPerson {
  id: string;
  firstName: string;
  lastName: string;
}

/** Find a registered person by national number: `onFound` gets the one found (or null). */
export function PersonSearch({ prefix, label, onFound }: { prefix: string; label: string; onFound(p: FoundPerson | null): void }) {
  const [nn, setNn] = useState('');
  const [message, setMessage] = useState('');
  const search = async () => {
    onFound(null);
    const { data } = await api.GET('/persons', { params: { query: { nationalNumber: nn } } });
    if (!data) return setMessage(t.search.invalid);
    const p = (data.items[0] as FoundPerson | undefined) ?? null;
    onFound(p);
    setMessage(p ? t.search.found(`${p.firstName} ${p.lastName}`) : t.search.nobody);
  };
  return (
    <>
      <label htmlFor={`${prefix}-nn`}>{label}</label>
      <input id={`${prefix}-nn`} inputMode="numeric" aria-describedby={`${prefix}-found`} value={nn} onChange={(e) => setNn(e.target.value)} />
      <button type="button" onClick={() => void search()}>{t.search.button}</button>
      <p id={`${prefix}-found`} role="status">{message}</p>
    </>
  );
}

export type Found = paths['/persons']['get']['responses']['200']['content']['application/json']['items'][number];

/** A search of persons by name, national number or birth date (GET /persons?q=): the text, what was found, the message. */
export function usePersonSearch() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  const [message, setMessage] = useState('');
  const search = async () => {
    setFound([]);
    if (q.trim().length < 2) return setMessage(t.clients.tooShort);
    const { data } = await api.GET('/persons', { params: { query: { q: q.trim() } } });
    if (!data) return setMessage(t.refusal.other);
    setFound(data.items);
    setMessage(data.items.length ? t.clients.found(data.items.length) : t.clients.none);
  };
  return { q, setQ, found, message, search };
}

/**
 * Find a registered person by name (accents and typos tolerated), national number or birth date (GET /persons?q=),
 * and choose one of those found: `onChoose` gets the person chosen. Inside another form: Enter searches, it does not submit.
 */
export function PersonFinder({ prefix, onChoose }: { prefix: string; onChoose(p: FoundPerson): void }) {
  const { q, setQ, found, message, search } = usePersonSearch();
  return (
    <>
      <label htmlFor={`${prefix}-q`}>{t.clients.search}</label>
      <input
        id={`${prefix}-q`}
        type="search"
        aria-describedby={`${prefix}-q-hint`}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void search();
        }}
      />
      <p id={`${prefix}-q-hint`} data-input-example>{t.clients.hint}</p>
      <button type="button" onClick={() => void search()}>{t.clients.submit}</button>
      <p role="status">{message}</p>
      {found.length > 0 && (
        <ul>
          {found.map((p) => {
            const name = `${p.firstName} ${p.lastName}`;
            return (
              <li key={p.id}>
                {`${t.search.person(name, p.birthDate ? dateLong(p.birthDate) : t.clients.unknown, `${p.address.street}, ${p.address.postalCode} ${p.address.city}`)} `}
                <button type="button" onClick={() => onChoose(p)}>{t.search.choose(name)}</button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
