import { FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateLong, euro } from '../format';
import { t } from '../i18n';
import { errorLine } from './DossierActions';
import { useSectionForm } from './useSectionForm';

type CsrFile = paths['/dossiers/{id}/csr']['get']['responses']['200']['content']['application/json'];
const tc = t.csr;
const FIELDS = ['/court', '/reasons'] as const;
const HEATING_FIELDS = ['/invoiceUnpaid'] as const;

/**
 * "Collectieve schuldenregeling" on a debt mediation dossier (domain §3.2): the order and its mediator, the CSR clocks
 * with their due dates (the OCMW's duty as the appointed mediator, or for information), the claims per creditor, and —
 * for who may write the budget inventory — the petition (verzoekschrift) built from the inventory into the documents.
 */
export function CollectiveSettlementSection({ dossierId, closed }: { dossierId: string; closed: boolean }) {
  const [file, setFile] = useState<CsrFile | null>(null);
  const [court, setCourt] = useState('');
  const [reasons, setReasons] = useState('');
  const [invoiceUnpaid, setInvoiceUnpaid] = useState(false);
  const form = useSectionForm(FIELDS, closed, 'inventory:read', 'inventory:write');
  const heating = useSectionForm(HEATING_FIELDS, closed, 'inventory:read', 'inventory:write');
  const { readable, writable, version } = form;
  useEffect(() => {
    if (!readable) return;
    void api.GET('/dossiers/{id}/csr', { params: { path: { id: dossierId } } }).then(({ data }) => setFile(data ?? null));
  }, [dossierId, version, readable]);
  if (!readable) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const { data, error, response } = await api.POST('/dossiers/{id}/csr-petition', { params: { path: { id: dossierId } }, body: { ...(court.trim() ? { court: court.trim() } : {}), ...(reasons.trim() ? { reasons: reasons.trim() } : {}) } as never });
    if (!data) return form.refused(error, response.status);
    form.done(tc.petitionSaved(data.fileName));
  };
  const attest = async (e: FormEvent) => {
    e.preventDefault();
    heating.clear();
    const { data, error, response } = await api.POST('/dossiers/{id}/heating-allowance-attestation', { params: { path: { id: dossierId } }, body: { invoiceUnpaid } });
    if (!data) return response.status === 409 ? heating.refusedWith(tc.heatingNotRunning) : heating.refused(error, response.status);
    heating.done(tc.heatingSaved(data.fileName, data.heatingAllowance.reference, data.heatingAllowance.existing));
  };
  const aria = (name: string) => ({ 'aria-describedby': `csr-${name}-error`, 'aria-invalid': form.invalid(`/${name}`) });
  return (
    <section aria-label={tc.section}>
      <h2>{tc.section}</h2>
      {file && !file.started && <p>{tc.notStarted}</p>}
      {file?.started && (
        <>
          <p>
            {file.statusLabel && <strong>{file.statusLabel}</strong>}
            {file.orderDate && <> {tc.order(file.court ?? '', dateLong(file.orderDate), file.mediatorLabel ?? '')}</>}
          </p>
          <table>
            <caption>{tc.clocks}</caption>
            <thead>
              <tr>{tc.clockColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {file.clocks.length === 0 && <tr><td colSpan={tc.clockColumns.length}>{tc.none}</td></tr>}
              {file.clocks.map((c) => (
                <tr key={c.key} data-kind={c.kind}>
                  <td>{c.title} ({c.ruleId}, {c.legalBasis})</td>
                  <td>{c.dueDateLabel ?? '–'}</td>
                  <td>{c.kindLabel}</td>
                  <td>{c.statusLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{tc.claims}</caption>
            <thead>
              <tr>{tc.claimColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {file.claims.length === 0 && <tr><td colSpan={tc.claimColumns.length}>{tc.none}</td></tr>}
              {file.claims.map((c) => (
                <tr key={c.partyId}>
                  <td>{c.creditor}</td>
                  <td>{c.declaredOnLabel ?? '–'}</td>
                  <td className="amount">{c.amountCents === null ? '–' : euro(c.amountCents)}</td>
                  <td>{c.stateLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {writable && (
        <form aria-label={tc.petition} noValidate onSubmit={(e) => void submit(e)}>
          <h3>{tc.petition}</h3>
          <p>{tc.petitionHelp}</p>
          <label htmlFor="csr-court">{tc.court}</label>
          <input id="csr-court" {...aria('court')} value={court} onChange={(e) => setCourt(e.target.value)} />
          {errorLine('csr-court-error', form.errors, '/court')}
          <label htmlFor="csr-reasons">{tc.reasons}</label>
          <textarea id="csr-reasons" {...aria('reasons')} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          {errorLine('csr-reasons-error', form.errors, '/reasons')}
          <button type="submit">{tc.preparePetition}</button>
          <p className="error" role="alert">{form.general}</p>
          <p role="status">{form.message}</p>
        </form>
      )}
      {writable && (
        <form aria-label={tc.heating} noValidate onSubmit={(e) => void attest(e)}>
          <h3>{tc.heating}</h3>
          <p>{tc.heatingHelp}</p>
          <label>
            <input type="checkbox" checked={invoiceUnpaid} onChange={(e) => setInvoiceUnpaid(e.target.checked)} /> {tc.invoiceUnpaid}
          </label>
          <button type="submit">{tc.prepareHeating}</button>
          <p className="error" role="alert">{heating.general}</p>
          <p role="status">{heating.message}</p>
        </form>
      )}
    </section>
  );
}
