import { FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateLong, euro } from '../format';
import { t } from '../i18n';
import { errorLine } from './DossierActions';
import { fileBody, useSectionForm } from './useSectionForm';

type Imported = paths['/bank-statements']['post']['responses']['201']['content']['application/json'];
type Upload = paths['/bank-statements']['post']['requestBody']['content']['multipart/form-data'];

/**
 * Finance reads in the OCMW account's bank statement (camt.053): the instalments paid with a plan's structured
 * communication reach their dossier; what reached none is listed with the reason in Dutch, to book by hand.
 */
export function BankStatementSection() {
  const tb = t.bankStatement;
  const form = useSectionForm(['/file'], false, 'payment:read', 'payment:import-statement');
  const file = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<Imported | null>(null);
  if (!form.writable) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    setResult(null);
    const body = fileBody(file.current);
    const { data, error, response } = await api.POST('/bank-statements', { body: {} as Upload, bodySerializer: () => body });
    if (!data) return form.refused(error, response.status);
    if (file.current) file.current.value = '';
    setResult(data);
    form.done(tb.imported(data.incoming, data.recorded, data.duplicates, data.unmatched.length));
  };
  return (
    <section aria-labelledby="bank-statement">
      <h2 id="bank-statement">{tb.title}</h2>
      <p>{tb.intro}</p>
      <form aria-label={tb.title} noValidate onSubmit={(e) => void submit(e)}>
        <label htmlFor="bank-statement-file">{tb.file}</label>
        <input id="bank-statement-file" type="file" ref={file} accept=".xml,application/xml,text/xml" aria-describedby="bank-statement-file-error" aria-invalid={form.invalid('/file')} />
        {errorLine('bank-statement-file-error', form.errors, '/file')}
        <button type="submit">{tb.import}</button>
        <p className="error" role="alert">{form.general}</p>
        <p role="status">{form.message}</p>
      </form>
      {result && result.items.length > 0 && (
        <table id="bank-statement-booked">
          <caption>{tb.booked}</caption>
          <thead><tr>{tb.bookedColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {result.items.map((i) => (
              <tr key={i.index}>
                <td>{i.index}</td><td><Link to={`/dossiers/${i.dossierId}`}>{i.reference}</Link></td><td className="amount">{euro(i.amountCents)}</td><td>{i.duplicate ? tb.duplicate : tb.recorded}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && result.unmatched.length > 0 && (
        <table id="bank-statement-unmatched">
          <caption>{tb.unmatched}</caption>
          <thead><tr>{tb.unmatchedColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {result.unmatched.map((u) => (
              <tr key={u.index}>
                <td>{u.index}</td><td>{dateLong(u.bookingDate)}</td><td className="amount">{euro(u.amountCents)}</td><td>{u.communication ?? '—'}</td><td>{tb.reasons[u.reason] ?? u.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
