import { FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import type { FieldError } from '../components/SchemaForm';
import { dateLong, euro, month, parseEuro, todayInBrussels } from '../format';
import { t } from '../i18n';
import { errorLine } from './DossierActions';
import { fileBody, useSectionForm } from './useSectionForm';

type PlanView = paths['/dossiers/{id}/budget-plan']['get']['responses']['200']['content']['application/json'];
type Plan = NonNullable<PlanView['plan']>;
type Outgoing = NonNullable<PlanView['thisWeek']>;
type Account = paths['/dossiers/{id}/budget-account']['get']['responses']['200']['content']['application/json'];
type Imported = paths['/dossiers/{id}/budget-account/statements']['post']['responses']['201']['content']['application/json'];
type Inventory = paths['/dossiers/{id}/inventory']['get']['responses']['200']['content']['application/json'];
type DossierParties = paths['/dossiers/{id}/parties']['get']['responses']['200']['content']['application/json']['items'];
type Upload = paths['/dossiers/{id}/budget-account/statements']['post']['requestBody']['content']['multipart/form-data'];
const tb = t.budget;

/**
 * "Budgetplan" of a debt mediation dossier (budget management, domain §3.1 steps 3–5): the plan in force (the account,
 * the living money per week, the fixed costs, the instalments, the reserve), what goes out this week and this month
 * (computed by the API from the plan and the working days), the edit form behind "Wijzigen" with amounts in euros,
 * and the budget-management account: its balance, its movements and the import of a bank statement.
 */
export function BudgetPlanSection({ dossierId, closed }: { dossierId: string; closed: boolean }) {
  const [view, setView] = useState<PlanView | null>(null);
  const section = useSectionForm([], closed, 'budget:read', 'budget:plan');
  useEffect(() => {
    if (!section.readable) return;
    void api.GET('/dossiers/{id}/budget-plan', { params: { path: { id: dossierId } } }).then(({ data }) => setView(data ?? null));
  }, [dossierId, section.version, section.readable]);
  if (!section.readable) return null;
  const plan = view?.plan ?? null;
  return (
    <section aria-label={tb.section}>
      <h2>{tb.section}</h2>
      {view && !plan && <p>{tb.none}</p>}
      {view && plan && <PlanSummary view={view} plan={plan} />}
      {view && plan && view.thisWeek && <OutgoingTable id="budget-this-week" caption={tb.thisWeek(dateLong(view.thisWeek.from), dateLong(view.thisWeek.to))} out={view.thisWeek} />}
      {view && plan && view.thisMonth && <OutgoingTable id="budget-this-month" caption={tb.thisMonth(month(view.thisMonth.from))} out={view.thisMonth} />}
      {view && section.writable && (
        <details>
          <summary>{plan ? tb.edit : tb.create}</summary>
          <PlanForm dossierId={dossierId} plan={plan} onSaved={(v) => section.done(tb.saved(v))} />
        </details>
      )}
      <p role="status">{section.message}</p>
      <AccountPart dossierId={dossierId} hasPlan={!!plan} version={section.version} />
    </section>
  );
}

function PlanSummary({ view, plan }: { view: PlanView; plan: Plan }) {
  return (
    <>
      <p>{tb.version(plan.version, dateLong(plan.validFrom))}</p>
      <p id="budget-account-line">{tb.account}: {tb.accountLine(plan.account.name, plan.account.ibanFormatted, plan.account.bic)}</p>
      <p id="budget-leefgeld">{tb.leefgeld(euro(plan.leefgeldWeeklyCents), view.leefgeldWeekdayLabel)}</p>
      <table id="budget-fixed-costs">
        <caption>{tb.fixedCosts}</caption>
        <thead><tr>{tb.fixedCostColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
        <tbody>
          {plan.fixedCosts.length === 0 && <tr><td colSpan={4}>{tb.noRows}</td></tr>}
          {plan.fixedCosts.map((c) => (
            <tr key={c.key}><td>{c.label}</td><td>{c.partyName ?? ''}</td><td className="amount">{euro(c.amountCents)}</td><td>{c.dueDay}</td></tr>
          ))}
        </tbody>
      </table>
      <table id="budget-instalments">
        <caption>{tb.instalments}</caption>
        <thead><tr>{tb.instalmentColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
        <tbody>
          {plan.instalments.length === 0 && <tr><td colSpan={4}>{tb.noRows}</td></tr>}
          {plan.instalments.map((x) => (
            <tr key={x.debtId}><td>{x.partyName ?? ''}</td><td>{x.debtRef}</td><td className="amount">{euro(x.amountCents)}</td><td>{x.dueDay}</td></tr>
          ))}
        </tbody>
      </table>
      <p id="budget-reserve">{tb.reserve(euro(plan.reserveMonthlyCents))}</p>
    </>
  );
}

function OutgoingTable({ id, caption, out }: { id: string; caption: string; out: Outgoing }) {
  return (
    <table id={id}>
      <caption>{caption}</caption>
      <thead><tr>{tb.outgoingColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
      <tbody>
        {out.payments.length === 0 && <tr><td colSpan={4}>{tb.nothingOut}</td></tr>}
        {out.payments.map((p) => (
          <tr key={`${p.kind}-${p.key}-${p.period}`}>
            <td>{dateLong(p.date)}</td><td>{p.label}</td><td>{p.partyName ?? tb.client}</td><td className="amount">{euro(p.amountCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot><tr><th scope="row" colSpan={3}>{tb.total}</th><td className="amount">{euro(out.totalCents)}</td></tr></tfoot>
    </table>
  );
}

/** The form's state: every amount as typed in euros, every day as typed. */
interface Draft {
  validFrom: string;
  name: string;
  iban: string;
  bic: string;
  leefgeld: string;
  reserve: string;
  fixedCosts: { key: string; label: string; partyId: string; amount: string; dueDay: string }[];
  instalments: { debtId: string; debtRef: string; amount: string; dueDay: string }[];
}

const euros = (cents: number) => euro(cents).slice(2);
const draftOf = (plan: Plan | null): Draft => ({
  // A new version applies from today, or from the current one's start when that is later (never before it).
  validFrom: plan && plan.validFrom > todayInBrussels() ? plan.validFrom : todayInBrussels(),
  name: plan?.account.name ?? '',
  iban: plan?.account.ibanFormatted ?? '',
  bic: plan?.account.bic ?? '',
  leefgeld: plan ? euros(plan.leefgeldWeeklyCents) : '',
  reserve: plan ? euros(plan.reserveMonthlyCents) : '0,00',
  fixedCosts: (plan?.fixedCosts ?? []).map((c) => ({ key: c.key, label: c.label, partyId: c.partyId, amount: euros(c.amountCents), dueDay: String(c.dueDay) })),
  instalments: (plan?.instalments ?? []).map((x) => ({ debtId: x.debtId, debtRef: x.debtRef, amount: euros(x.amountCents), dueDay: String(x.dueDay) })),
});

/** A fixed cost's business name from its label ("Huur" → "huur"), unique in the plan; kept as it was once saved. */
function keyFor(label: string, taken: string[]): string {
  const base = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'kost';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

/** The creditor's file number as a SEPA-safe reference (payment-key.ts isDebtRef), or one made from the debt's id. */
function debtRefFor(debt: Inventory['debts'][number]): string {
  const ref = (debt.creditorReference ?? '').replace(/[^A-Za-z0-9./-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 35);
  return ref || `SCHULD-${debt.id.slice(0, 8)}`;
}

function PlanForm({ dossierId, plan, onSaved }: { dossierId: string; plan: Plan | null; onSaved(version: number): void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(plan));
  const [parties, setParties] = useState<DossierParties>([]);
  const [debts, setDebts] = useState<Inventory['debts']>([]);
  const [local, setLocal] = useState<FieldError[]>([]);
  const form = useSectionForm([], false, 'budget:read', 'budget:plan');
  useEffect(() => setDraft(draftOf(plan)), [plan]);
  useEffect(() => {
    void api.GET('/dossiers/{id}/parties', { params: { path: { id: dossierId } } }).then(({ data }) => setParties((data?.items ?? []).filter((p) => !p.endedAt)));
    void api.GET('/dossiers/{id}/inventory', { params: { path: { id: dossierId } } }).then(({ data }) => setDebts((data?.debts ?? []).filter((d) => d.status === 'open')));
  }, [dossierId]);
  const errors = [...local, ...form.errors];
  const paths = new Set<string>();
  const field = (path: string) => {
    paths.add(path);
    const id = `bp${path.replace(/\//g, '-')}`;
    return { id, 'aria-describedby': `${id}-error`, 'aria-invalid': errors.some((e) => e.path === path) || undefined };
  };
  const line = (path: string) => errorLine(`bp${path.replace(/\//g, '-')}-error`, errors, path);
  /** A typed field: its label, the input (an amount or a day: a decimal or numeric keyboard), its error. */
  const text = (path: string, label: string, value: string, onChange: (v: string) => void, kind?: 'date' | 'decimal' | 'numeric') => (
    <>
      <label htmlFor={field(path).id}>{label}</label>
      <input type={kind === 'date' ? 'date' : undefined} inputMode={kind === 'decimal' || kind === 'numeric' ? kind : undefined} {...field(path)}
        value={value} onChange={(e) => onChange(e.target.value)} />
      {line(path)}
    </>
  );
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const setCost = (i: number, change: Partial<Draft['fixedCosts'][number]>) => set({ fixedCosts: draft.fixedCosts.map((c, j) => (j === i ? { ...c, ...change } : c)) });
  const setInstalment = (i: number, change: Partial<Draft['instalments'][number]>) => set({ instalments: draft.instalments.map((x, j) => (j === i ? { ...x, ...change } : x)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const wrong: FieldError[] = [];
    const cents = (text: string, path: string) => {
      const value = parseEuro(text);
      if (value === null || value < 0) wrong.push({ path, code: 'euro', message: '' });
      return value ?? 0;
    };
    const day = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : text);
    const keys: string[] = [];
    const body = {
      basedOnVersion: plan?.version ?? 0,
      validFrom: draft.validFrom,
      account: { name: draft.name.trim(), iban: draft.iban.trim(), bic: draft.bic.trim().toUpperCase() },
      leefgeldWeeklyCents: cents(draft.leefgeld, '/leefgeldWeeklyCents'),
      reserveMonthlyCents: cents(draft.reserve, '/reserveMonthlyCents'),
      fixedCosts: draft.fixedCosts.map((c, i) => {
        const key = c.key || keyFor(c.label, [...keys, ...draft.fixedCosts.map((x) => x.key)]);
        keys.push(key);
        return { key, label: c.label.trim(), partyId: c.partyId, amountCents: cents(c.amount, `/fixedCosts/${i}/amountCents`), dueDay: day(c.dueDay) };
      }),
      instalments: draft.instalments.map((x, i) => {
        const debt = debts.find((d) => d.id === x.debtId);
        return {
          debtId: x.debtId,
          partyId: debt ? (debt.collector?.id ?? debt.creditor.id) : '',
          debtRef: x.debtRef || (debt ? debtRefFor(debt) : ''),
          amountCents: cents(x.amount, `/instalments/${i}/amountCents`),
          dueDay: day(x.dueDay),
        };
      }),
    };
    setLocal(wrong);
    if (wrong.length) return;
    const { data, error, response } = await api.PUT('/dossiers/{id}/budget-plan', { params: { path: { id: dossierId } }, body: body as never });
    if (!data?.plan) {
      const code = (error as { code?: string } | undefined)?.code;
      if (code === 'stale-version') return form.refusedWith(tb.stale);
      if (code === 'not-debt-mediation') return form.refusedWith(tb.notDebtMediation);
      return form.refused(error, response.status, [...paths]);
    }
    onSaved(data.plan.version);
  };

  return (
    <form aria-label={tb.form} noValidate onSubmit={(e) => void submit(e)}>
      <h3>{tb.form}</h3>
      {text('/validFrom', tb.validFrom, draft.validFrom, (v) => set({ validFrom: v }), 'date')}
      {text('/account/name', tb.accountName, draft.name, (v) => set({ name: v }))}
      {text('/account/iban', tb.iban, draft.iban, (v) => set({ iban: v }))}
      {text('/account/bic', tb.bic, draft.bic, (v) => set({ bic: v }))}
      {text('/leefgeldWeeklyCents', tb.leefgeldField, draft.leefgeld, (v) => set({ leefgeld: v }), 'decimal')}
      {text('/reserveMonthlyCents', tb.reserveField, draft.reserve, (v) => set({ reserve: v }), 'decimal')}

      {draft.fixedCosts.map((c, i) => (
        <fieldset key={i}>
          <legend>{tb.fixedCostN(i + 1)}</legend>
          {text(`/fixedCosts/${i}/label`, tb.label, c.label, (v) => setCost(i, { label: v }))}
          {line(`/fixedCosts/${i}/key`)}
          <label htmlFor={field(`/fixedCosts/${i}/partyId`).id}>{tb.payee}</label>
          <select {...field(`/fixedCosts/${i}/partyId`)} value={c.partyId} onChange={(e) => setCost(i, { partyId: e.target.value })}>
            <option value="">{tb.choose}</option>
            {parties.map((p) => <option key={p.id} value={p.party.id}>{`${p.party.name} (${p.roleLabel})`}</option>)}
          </select>
          {line(`/fixedCosts/${i}/partyId`)}
          {text(`/fixedCosts/${i}/amountCents`, tb.amount, c.amount, (v) => setCost(i, { amount: v }), 'decimal')}
          {text(`/fixedCosts/${i}/dueDay`, tb.dueDay, c.dueDay, (v) => setCost(i, { dueDay: v }), 'numeric')}
          <button type="button" onClick={() => set({ fixedCosts: draft.fixedCosts.filter((_, j) => j !== i) })}>{tb.remove}</button>
        </fieldset>
      ))}
      <button type="button" onClick={() => set({ fixedCosts: [...draft.fixedCosts, { key: '', label: '', partyId: '', amount: '', dueDay: '' }] })}>{tb.addFixedCost}</button>

      {draft.instalments.map((x, i) => (
        <fieldset key={i}>
          <legend>{tb.instalmentN(i + 1)}</legend>
          <label htmlFor={field(`/instalments/${i}/debtId`).id}>{tb.debt}</label>
          <select {...field(`/instalments/${i}/debtId`)} value={x.debtId} onChange={(e) => setInstalment(i, { debtId: e.target.value, debtRef: '' })}>
            <option value="">{tb.choose}</option>
            {debts.map((d) => <option key={d.id} value={d.id}>{tb.debtOption(d.creditor.name, d.creditorReference ?? '', euro(d.outstandingCents))}</option>)}
          </select>
          {line(`/instalments/${i}/debtId`)}
          {line(`/instalments/${i}/partyId`)}
          {line(`/instalments/${i}/debtRef`)}
          {text(`/instalments/${i}/amountCents`, tb.amount, x.amount, (v) => setInstalment(i, { amount: v }), 'decimal')}
          {text(`/instalments/${i}/dueDay`, tb.dueDay, x.dueDay, (v) => setInstalment(i, { dueDay: v }), 'numeric')}
          <button type="button" onClick={() => set({ instalments: draft.instalments.filter((_, j) => j !== i) })}>{tb.remove}</button>
        </fieldset>
      ))}
      <button type="button" onClick={() => set({ instalments: [...draft.instalments, { debtId: '', debtRef: '', amount: '', dueDay: '' }] })}>{tb.addInstalment}</button>

      <button type="submit">{tb.save}</button>
      <p className="error" role="alert">{form.general}</p>
    </form>
  );
}

function AccountPart({ dossierId, hasPlan, version }: { dossierId: string; hasPlan: boolean; version: number }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const form = useSectionForm(['/file'], false, 'budget:read', 'budget:import');
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void api.GET('/dossiers/{id}/budget-account', { params: { path: { id: dossierId } } }).then(({ data }) => setAccount(data ?? null));
  }, [dossierId, version, form.version]);
  if (!account) return null;
  const { balance } = account;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    setResult(null);
    const body = fileBody(file.current);
    const { data, error, response } = await api.POST('/dossiers/{id}/budget-account/statements', {
      params: { path: { id: dossierId } }, body: {} as Upload, bodySerializer: () => body,
    });
    if (!data) return (error as { code?: string } | undefined)?.code === 'no-budget-plan' ? form.refusedWith(tb.noPlanForImport) : form.refused(error, response.status);
    if (file.current) file.current.value = '';
    setResult(data);
    form.done(tb.imported(data.imported, data.duplicates, data.matched));
  };
  return (
    <>
      <h3>{tb.balanceTitle}</h3>
      <p id="budget-balance"><strong>{tb.balance(euro(balance.balanceCents), dateLong(account.on))}</strong></p>
      <p>{tb.balanceParts(euro(balance.incomingCents), euro(balance.otherOutgoingCents), euro(balance.orderedCents))}</p>
      <table id="budget-movements">
        <caption>{tb.movements}</caption>
        <thead><tr>{tb.movementColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
        <tbody>
          {account.movements.items.length === 0 && <tr><td colSpan={5}>{tb.noMovements}</td></tr>}
          {account.movements.items.map((m) => (
            <tr key={m.id}>
              <td>{dateLong(m.bookingDate)}</td><td className="amount">{euro(m.amountCents)}</td><td>{m.counterparty ?? ''}</td><td>{m.description ?? ''}</td>
              <td>{m.paymentId ? tb.matchedPayment : m.incomeId ? tb.matchedIncome : tb.unmatched}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {account.movements.total > account.movements.items.length && <p>{tb.moreMovements(account.movements.items.length, account.movements.total)}</p>}
      {form.writable && hasPlan && (
        <form aria-label={tb.importForm} noValidate onSubmit={(e) => void submit(e)}>
          <h3>{tb.importForm}</h3>
          <label htmlFor="budget-statement-file">{tb.file}</label>
          <input id="budget-statement-file" type="file" ref={file} accept=".csv,text/csv" aria-describedby="budget-statement-file-error" aria-invalid={form.invalid('/file')} />
          {errorLine('budget-statement-file-error', form.errors, '/file')}
          <button type="submit">{tb.import}</button>
          <p className="error" role="alert">{form.general}</p>
          <p role="status">{form.message}</p>
          {result && result.rejected.length > 0 && (
            <ul id="budget-rejected">{result.rejected.map((r) => <li key={r.line}>{tb.rejected(r.line, tb.rejection[r.code] ?? r.reason)}</li>)}</ul>
          )}
        </form>
      )}
    </>
  );
}
