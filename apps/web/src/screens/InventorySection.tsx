import { FormEvent, useEffect, useState } from 'react';
import {
  EXPENSE_KIND_LABELS, EXPENSE_KINDS, INCOME_KIND_LABELS, INCOME_KINDS, PRIORITY_KIND_LABELS, PRIORITY_KINDS,
} from '../../../../libs/domain/budget-inventory';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import type { FieldError } from '../components/SchemaForm';
import { euro, parseEuro } from '../format';
import { t } from '../i18n';
import { errorLine } from './DossierActions';
import { useSectionForm } from './useSectionForm';

type Inventory = paths['/dossiers/{id}/inventory']['get']['responses']['200']['content']['application/json'];
type Parties = paths['/parties']['get']['responses']['200']['content']['application/json']['items'];
type Debt = Inventory['debts'][number];
const ti = t.inventory;

/** A field of an add form: its body name, how it is typed, and the choices of a select. */
interface Field {
  name: string;
  label: string;
  type: 'select' | 'euro' | 'day' | 'text' | 'checkbox';
  options?: { value: string; label: string }[];
}
/** The fields of an income and of a fixed cost alike: kind, amount per month, a day of the month, a description. */
const monthly = (kinds: Field['options'], day: Field): Field[] => [
  { name: 'kind', label: ti.kind, type: 'select', options: kinds },
  { name: 'amountCents', label: ti.amountPerMonth, type: 'euro' },
  day,
  { name: 'description', label: ti.description, type: 'text' },
];
const choices = (codes: readonly string[], labels: Record<string, string>) => codes.map((c) => ({ value: c, label: labels[c] }));

/**
 * "Budgetinventaris": the dossier's incomes, fixed costs and debts (domain §3, the intake of debt mediation) with their
 * totals and the monthly margin, and, for who may, the forms to add to them. Amounts are typed in euros.
 * Shown on every dossier to whom has inventory:read (no procedure carries a flag for it yet).
 */
export function InventorySection({ dossierId, closed }: { dossierId: string; closed: boolean }) {
  const [inventory, setInventory] = useState<Inventory | null>(null);
  const [parties, setParties] = useState<Parties>([]);
  const { readable, writable, version, done } = useSectionForm([], closed, 'inventory:read', 'inventory:write');
  useEffect(() => {
    if (!readable) return;
    void api.GET('/dossiers/{id}/inventory', { params: { path: { id: dossierId } } }).then(({ data }) => setInventory(data ?? null));
  }, [dossierId, version, readable]);
  useEffect(() => {
    if (writable) void api.GET('/parties', { params: { query: { active: 'true', pageSize: '200' } } }).then(({ data }) => setParties(data?.items ?? []));
  }, [writable]);
  if (!readable) return null;
  const reload = (text: string) => done(text);
  const totals = inventory?.totals;
  return (
    <section aria-label={ti.section}>
      <h2>{ti.section}</h2>
      {inventory && totals && (
        <>
          <AmountTable caption={ti.incomes} columns={ti.incomeColumns} total={totals.incomePerMonth}
            rows={inventory.incomes.map((i) => ({ id: i.id, cells: [i.kindLabel, i.description ?? '', i.dayOfMonth ? String(i.dayOfMonth) : ''], amount: i.amountCents }))} />
          <AmountTable caption={ti.expenses} columns={ti.expenseColumns} total={totals.expensesPerMonth}
            rows={inventory.expenses.map((e) => ({ id: e.id, cells: [e.kindLabel, e.description ?? '', e.dueDay ? String(e.dueDay) : ''], amount: e.amountCents }))} />
          <DebtTable debts={inventory.debts} outstanding={totals.outstandingDebts} priority={totals.priorityOutstanding} />
          <p id="inventory-margin"><strong>{ti.margin(euro(totals.monthlyMargin))}</strong></p>
        </>
      )}
      {writable && (
        <>
          <AddForm id="income" title={ti.addIncome} dossierId={dossierId} path="/dossiers/{id}/incomes" onDone={reload}
            fields={monthly(choices(INCOME_KINDS, INCOME_KIND_LABELS), { name: 'dayOfMonth', label: ti.dayOfMonth, type: 'day' })} />
          <AddForm id="expense" title={ti.addExpense} dossierId={dossierId} path="/dossiers/{id}/expenses" onDone={reload}
            fields={monthly(choices(EXPENSE_KINDS, EXPENSE_KIND_LABELS), { name: 'dueDay', label: ti.dueDay, type: 'day' })} />
          <AddForm id="debt" title={ti.addDebt} dossierId={dossierId} path="/dossiers/{id}/debts" onDone={reload} fields={[
            { name: 'creditorPartyId', label: ti.creditor, type: 'select', options: parties.map((p) => ({ value: p.id, label: `${p.name} (${p.kindLabel})` })) },
            { name: 'creditorReference', label: ti.creditorReference, type: 'text' },
            { name: 'originalCents', label: ti.original, type: 'euro' },
            { name: 'outstandingCents', label: ti.outstanding, type: 'euro' },
            { name: 'priorityKind', label: ti.priorityKind, type: 'select', options: choices(PRIORITY_KINDS, PRIORITY_KIND_LABELS) },
            { name: 'disputed', label: ti.disputedField, type: 'checkbox' },
          ]} />
        </>
      )}
    </section>
  );
}

function AmountTable({ caption, columns, rows, total }: { caption: string; columns: readonly string[]; rows: { id: string; cells: string[]; amount: number }[]; total: number }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
      </thead>
      <tbody>
        {rows.length === 0 && <tr><td colSpan={columns.length}>{ti.none}</td></tr>}
        {rows.map((r) => (
          <tr key={r.id}>
            {r.cells.slice(0, 2).map((c, i) => <td key={i}>{c}</td>)}
            <td className="amount">{euro(r.amount)}</td>
            <td>{r.cells[2]}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><th scope="row" colSpan={2}>{ti.total}</th><td className="amount">{euro(total)}</td><td /></tr>
      </tfoot>
    </table>
  );
}

function DebtTable({ debts, outstanding, priority }: { debts: Debt[]; outstanding: number; priority: number }) {
  const remarks = (d: Debt) => [
    d.priorityLabel ? ti.priority(d.priorityLabel) : '',
    d.disputed ? ti.disputed : '',
    d.collector ? ti.collector(d.collector.name, d.collectorReference ?? '') : '',
  ].filter(Boolean).join('; ');
  return (
    <table>
      <caption>{ti.debts}</caption>
      <thead>
        <tr>{ti.debtColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
      </thead>
      <tbody>
        {debts.length === 0 && <tr><td colSpan={ti.debtColumns.length}>{ti.none}</td></tr>}
        {debts.map((d) => (
          <tr key={d.id}>
            <td>{d.creditor.name}</td>
            <td>{d.creditorReference ?? ''}</td>
            <td className="amount">{euro(d.originalCents)}</td>
            <td className="amount">{euro(d.outstandingCents)}</td>
            <td>{remarks(d)}</td>
            <td>{d.statusLabel}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><th scope="row" colSpan={3}>{ti.totalOutstanding}</th><td className="amount">{euro(outstanding)}</td><td colSpan={2} /></tr>
        <tr><th scope="row" colSpan={3}>{ti.priorityOutstanding}</th><td className="amount">{euro(priority)}</td><td colSpan={2} /></tr>
      </tfoot>
    </table>
  );
}

type AddPath = '/dossiers/{id}/incomes' | '/dossiers/{id}/expenses' | '/dossiers/{id}/debts';

/** One add form: its fields typed as the person reads them (euros, a day), sent as the API takes them (cents, a number). */
function AddForm({ id, title, dossierId, path, fields, onDone }: { id: string; title: string; dossierId: string; path: AddPath; fields: Field[]; onDone(text: string): void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const form = useSectionForm(fields.map((f) => `/${f.name}`), false, 'inventory:read', 'inventory:write');
  const [local, setLocal] = useState<FieldError[]>([]);
  const errors = [...local, ...form.errors];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const body: Record<string, unknown> = {};
    const wrong: FieldError[] = [];
    for (const f of fields) {
      const v = values[f.name] ?? '';
      if (f.type === 'checkbox') body[f.name] = v === 'true';
      else if (v.trim() === '') continue;
      else if (f.type === 'euro') {
        const cents = parseEuro(v);
        if (cents === null || cents < 0) wrong.push({ path: `/${f.name}`, code: 'euro', message: '' });
        else body[f.name] = cents;
      } else if (f.type === 'day') body[f.name] = /^\d+$/.test(v.trim()) ? Number(v) : v;
      else body[f.name] = v.trim();
    }
    setLocal(wrong);
    if (wrong.length) return;
    const { data, error, response } = await api.POST(path, { params: { path: { id: dossierId } }, body: body as never });
    if (!data) return form.refused(error, response.status);
    setValues({});
    onDone(ti.saved);
    form.done(ti.saved);
  };
  const inputId = (name: string) => `${id}-${name}`;
  const aria = (name: string) => ({ 'aria-describedby': `${inputId(name)}-error`, 'aria-invalid': errors.some((x) => x.path === `/${name}`) || undefined });
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  return (
    <form aria-label={title} noValidate onSubmit={(e) => void submit(e)}>
      <h3>{title}</h3>
      {fields.map((f) => (
        <div key={f.name}>
          {f.type === 'checkbox' ? (
            <label htmlFor={inputId(f.name)}>
              <input id={inputId(f.name)} type="checkbox" checked={values[f.name] === 'true'} onChange={(e) => set(f.name, String(e.target.checked))} /> {f.label}
            </label>
          ) : (
            <>
              <label htmlFor={inputId(f.name)}>{f.label}</label>
              {f.type === 'select' ? (
                <select id={inputId(f.name)} {...aria(f.name)} value={values[f.name] ?? ''} onChange={(e) => set(f.name, e.target.value)}>
                  <option value="">{ti.choose}</option>
                  {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : (
                <input id={inputId(f.name)} inputMode={f.type === 'text' ? undefined : 'decimal'} {...aria(f.name)} value={values[f.name] ?? ''} onChange={(e) => set(f.name, e.target.value)} />
              )}
            </>
          )}
          {errorLine(`${inputId(f.name)}-error`, errors, `/${f.name}`)}
        </div>
      ))}
      <button type="submit">{ti.submit}</button>
      <p className="error" role="alert">{form.general}</p>
      <p role="status">{form.message}</p>
    </form>
  );
}
