import { Link } from 'react-router';
import { Page } from '../components/Page';
import { usePersonSearch } from '../components/PersonSearch';
import { dateLong } from '../format';
import { t } from '../i18n';

/** Cliënten: search persons by name (accents and typos tolerated), national number or birth date (GET /persons?q=); each links to the person page. */
export function ClientsScreen() {
  const { q, setQ, found, message, search: find } = usePersonSearch();
  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    await find();
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
      {found.length > 0 && (
        <table>
          <thead>
            <tr>{t.clients.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {found.map((p) => (
              <tr key={p.id}>
                <td><Link to={`/clienten/${p.id}`}>{`${p.firstName} ${p.lastName}`}</Link></td>
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
