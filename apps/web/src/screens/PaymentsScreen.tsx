import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong, euro, todayInBrussels } from '../format';
import { t } from '../i18n';
import { BankStatementSection } from './BankStatementSection';
import { refusal } from './TaskScreen';

type Payment = paths['/payments']['get']['responses']['200']['content']['application/json']['items'][number];
type Batch = paths['/payment-batches']['get']['responses']['200']['content']['application/json']['items'][number];
type Status = 'due' | 'batched' | 'paid' | 'cancelled';

const sum = (items: { amountCents: number }[]) => items.reduce((s, p) => s + p.amountCents, 0);

/** A confirmation before an irreversible action: a labelled alert dialog, focus on its confirm button. */
export function Confirm({ text, confirm, onConfirm, onCancel }: { text: string; confirm: string; onConfirm(): void; onCancel(): void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div role="alertdialog" aria-modal="false" aria-labelledby="confirm-text" className="confirm" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p id="confirm-text">{text}</p>
      <button ref={button} type="button" onClick={onConfirm}>{confirm}</button>
      <button type="button" onClick={onCancel}>{t.payments.cancel}</button>
    </div>
  );
}

/** Finance: payments with filters and totals, cash receipts, SEPA batches (created and marked executed after a confirmation). */
export function PaymentsScreen() {
  const [status, setStatus] = useState<Status | ''>('due');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [payments, setPayments] = useState<Payment[] | null>(null);
  const [batches, setBatches] = useState<Batch[]>([]);
  const [message, setMessage] = useState('');
  const [execution, setExecution] = useState(todayInBrussels());
  const [confirming, setConfirming] = useState<null | { text: string; confirm: string; run(): Promise<string> }>(null);

  const reload = useCallback(async () => {
    const [p, b] = await Promise.all([api.GET('/payments', { params: { query: status ? { status } : {} } }), api.GET('/payment-batches')]);
    setPayments(p.data?.items ?? []);
    setBatches(b.data?.items ?? []);
  }, [status]);
  useEffect(() => void reload(), [reload]);

  if (!payments) return <Page title={t.payments.title}><Loading /></Page>;
  const shown = payments.filter((p) => (!from || (p.dueDate ?? '') >= from) && (!to || (p.dueDate ?? '') <= to));
  const batchable = (date: string) => payments.filter((p) => p.status === 'due' && p.method !== 'cash' && (p.dueDate ?? '') <= date);

  const askBatch = () => {
    const items = batchable(execution);
    setConfirming({
      text: t.payments.batchConfirm(items.length, euro(sum(items)), dateLong(execution)),
      confirm: t.payments.confirm,
      run: async () => {
        const { data, response } = await api.POST('/payment-batches', { body: { requestedExecutionDate: execution } });
        const note = (data as { requestedExecutionDateNote?: string | null } | undefined)?.requestedExecutionDateNote;
        return data ? t.payments.batchCreated(data.nbOfTxs, note) : refusal(response.status);
      },
    });
  };
  const askExecuted = (b: Batch) =>
    setConfirming({
      text: t.payments.executedConfirm(b.nbOfTxs, euro(b.ctrlSumCents)),
      confirm: t.payments.confirm,
      run: async () => {
        const { response } = await api.POST('/payment-batches/{id}/executed', { params: { path: { id: b.id } } });
        return response.ok ? t.payments.executedDone : refusal(response.status);
      },
    });

  return (
    <Page title={t.payments.title}>
      <p role="status">{message}</p>
      {confirming && (
        <Confirm
          text={confirming.text}
          confirm={confirming.confirm}
          onCancel={() => setConfirming(null)}
          onConfirm={async () => { const text = await confirming.run(); setConfirming(null); await reload(); setMessage(text); }}
        />
      )}
      <fieldset>
        <legend>{t.payments.filters}</legend>
        <label htmlFor="f-status">{t.payments.status}</label>
        <select id="f-status" value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
          <option value="">{t.payments.all}</option>
          {(['due', 'batched', 'paid', 'cancelled'] as const).map((s) => <option key={s} value={s}>{t.payments.statuses[s]}</option>)}
        </select>
        <label htmlFor="f-from">{t.payments.from}</label>
        <input id="f-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="f-to">{t.payments.to}</label>
        <input id="f-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </fieldset>
      <section aria-labelledby="payments">
        <h2 id="payments">{t.payments.list(shown.length, euro(sum(shown)))}</h2>
        {shown.length === 0 ? <p>{t.payments.none}</p> : (
          <table>
            <thead>
              <tr>{t.payments.columns.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
            </thead>
            <tbody>
              {shown.map((p) => <PaymentRow key={p.id} p={p} onPaid={async (text) => { await reload(); setMessage(text); }} />)}
            </tbody>
            <tfoot>
              <tr><th scope="row" colSpan={8}>{t.payments.total}</th><td>{euro(sum(shown))}</td></tr>
            </tfoot>
          </table>
        )}
        <label htmlFor="execution">{t.payments.execution}</label>
        <input id="execution" type="date" value={execution} onChange={(e) => setExecution(e.target.value)} />
        <button type="button" onClick={askBatch}>{t.payments.createBatch}</button>
      </section>
      <section aria-labelledby="batches">
        <h2 id="batches">{t.payments.batches}</h2>
        <ul>
          {batches.map((b) => (
            <li key={b.id}>
              {`${t.payments.batch(dateLong(b.requestedExecutionDate), b.nbOfTxs, euro(b.ctrlSumCents), t.payments.batchStatus[b.status] ?? b.status)} `}
              <a href={`/payment-batches/${b.id}/sepa.xml`} download={`sepa-${b.id}.xml`}>{t.payments.sepa}</a>{' '}
              {b.status === 'created' && <button type="button" onClick={() => askExecuted(b)}>{t.payments.executed}</button>}
            </li>
          ))}
        </ul>
      </section>
      <BankStatementSection />
    </Page>
  );
}

function PaymentRow({ p, onPaid }: { p: Payment; onPaid(text: string): Promise<void> }) {
  const [receipt, setReceipt] = useState('');
  const [error, setError] = useState('');
  const id = `receipt-${p.id}`;
  const pay = async () => {
    if (!receipt.trim()) return setError(t.errors.required);
    const { data, response } = await api.POST('/payments/{id}/cash-receipt', { params: { path: { id: p.id } }, body: { receiptRef: receipt } });
    if (data) await onPaid(t.payments.cashDone(p.payee.name, receipt));
    else setError(response.status === 400 ? t.apiErrors.pattern : refusal(response.status));
  };
  return (
    <tr>
      <td><Link to={`/dossiers/${p.dossierId}`}>{p.dossierReference}</Link></td>
      <td>{p.payee.name}</td>
      <td>{p.kindLabel}</td>
      <td>{p.periodLabel}</td>
      <td>
        {p.methodLabel}
        {p.method === 'cash' && p.status === 'due' && (
          <>
            {' '}<label htmlFor={id}>{t.payments.receipt}</label>
            <input id={id} value={receipt} maxLength={35} onChange={(e) => setReceipt(e.target.value)} aria-describedby={error ? `${id}-error` : undefined} />
            <button type="button" onClick={pay}>{t.payments.cashPaid}</button>
            {error && <span id={`${id}-error`} role="alert">{error}</span>}
          </>
        )}
      </td>
      <td>{p.ibanFormatted ?? p.iban ?? '—'}</td>
      <td>{p.dueDate ? dateLong(p.dueDate) : '—'}</td>
      <td>{t.payments.statuses[p.status] ?? p.status}</td>
      <td>{euro(p.amountCents)}</td>
    </tr>
  );
}
