import { useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Page } from '../components/Page';
import { dateLong } from '../format';
import { t } from '../i18n';

type Person = paths['/persons']['get']['responses']['200']['content']['application/json']['items'][number];

/** Cliënten: search persons by name (accents and typos tolerated), national number or birth date (GET /persons?q=). */
export function ClientsScreen() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [message, setMessage] = useState('');
  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    if (q.trim().length < 2) return setMessage(t.clients.tooShort);
    const { data } = await api.GET('/persons', { params: { query: { q: q.trim() } } });
    if (!data) return setMessage(t.refusal.other);
    setFound(data.items);
    setMessage(data.items.length ? t.clients.found(data.items.length) : t.clients.none);
  };
  return (
    <Page title={t.clients.title}>
      <form role="search" noValidate onSubmit={(e) => void search(e)}>
        <label htmlFor="client-q">{t.clients.search}</label>
        <input id="client-q" type="search" aria-describedby="client-q-hint" value={q} onChange={(e) => setQ(e.target.value)} />
        <p id="client-q-hint" data-input-example>{t.clients.hint}</p>
        <button type="submit">{t.clients.submit}</button>
      </form>
      <p role="status">{message}</p>
      {found && found.length > 0 && (
        <table>
          <thead>
            <tr>{t.clients.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {found.map((p) => (
              <tr key={p.id}>
                <td>{`${p.firstName} ${p.lastName}`}</td>
                <td>{p.nationalNumberFormatted ?? t.clients.noNn}</td>
                <td>{p.birthDate ? dateLong(p.birthDate) : t.clients.unknown}</td>
                <td>{`${p.address.street}, ${p.address.postalCode} ${p.address.city}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
