import { useState } from 'react';
import { api } from '../api/client';
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
