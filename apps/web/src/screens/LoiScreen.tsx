import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { HOUSEHOLD_ROLE_LABELS, type HouseholdRole } from '../../../../libs/domain/dossier-relations';
import { ageOn } from '../../../../libs/payments/loi-leefgeld';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong, dateTime, euro, month as monthNl, number, todayInBrussels } from '../format';
import { t } from '../i18n';
import { may, useSession } from '../session';
import { refusal } from './TaskScreen';

type Places = paths['/loi/places']['get']['responses']['200']['content']['application/json'];
type Claim = paths['/loi/claims/{month}']['get']['responses']['200']['content']['application/json'];
type Residents = paths['/loi/residents']['get']['responses']['200']['content']['application/json'];
type State = 'occupied' | 'free' | 'suspended' | 'out-of-use';
const STATES: State[] = ['occupied', 'free', 'suspended', 'out-of-use'];

/**
 * The LOI coordinator's screen (domain §4): the occupancy of the places for a month — per place the place-days by state
 * and each day's occupied places —, the form to add a place (team lead), and Fedasil's monthly claim (form I) with its
 * CSV. Both come from the same place-days, so the claim matches what is shown.
 */
export function LoiScreen() {
  const tr = t.loi;
  const { user } = useSession();
  const [input, setInput] = useState(todayInBrussels().slice(0, 7));
  const [month, setMonth] = useState(input);
  const [places, setPlaces] = useState<Places | null>(null);
  const [claim, setClaim] = useState<Claim | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(async () => {
    setPlaces(null);
    const [p, c] = await Promise.all([
      api.GET('/loi/places', { params: { query: { month } } }),
      api.GET('/loi/claims/{month}', { params: { path: { month } } }),
    ]);
    setPlaces(p.data ?? null);
    setClaim((c.data as Claim | undefined) ?? null);
  }, [month]);
  useEffect(() => void load(), [load]);
  const show = (e: FormEvent) => {
    e.preventDefault();
    if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(input)) return setError(tr.badMonth);
    setError('');
    setMonth(input);
  };
  return (
    <Page title={tr.title}>
      <form noValidate onSubmit={show} aria-label={tr.chooseMonth}>
        <label htmlFor="loi-month">{tr.month}</label>
        <input id="loi-month" type="month" value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit">{tr.showMonth}</button>
        <p className="error" role="alert">{error}</p>
      </form>
      {!places ? <Loading /> : (
        <>
          <section aria-labelledby="loi-occupancy">
            <h2 id="loi-occupancy">{tr.occupancy(monthNl(`${month}-01`))}</h2>
            {places.items.length === 0 ? <p>{tr.none}</p> : (
              <>
                <table>
                  <caption>{tr.placeDaysCaption(monthNl(`${month}-01`))}</caption>
                  <thead><tr>{tr.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
                  <tbody>{places.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.code}</th>
                      <td>
                        {p.address}{p.unit ? `, ${p.unit}` : ''}
                        {p.closesOn ? (
                          <> — {tr.closesOn(dateLong(p.closesOn))} (<a href={`/loi/places/${p.id}/closure/letter`} download aria-label={tr.closureLetter(p.code)}>{tr.closureLetterShort}</a>)</>
                        ) : null}
                      </td>
                      <td>{number(p.capacity)}</td>
                      {STATES.map((s) => <td key={s}>{number(p.placeDays[s])}</td>)}
                    </tr>
                  ))}</tbody>
                </table>
                <div className="scroll-x" tabIndex={0} role="group" aria-label={tr.gridCaption(monthNl(`${month}-01`))}>
                <table className="occupancy-grid">
                  <caption>{tr.gridCaption(monthNl(`${month}-01`))}</caption>
                  <thead><tr><th scope="col">{tr.place}</th>{places.items[0].perDay.map((d) => <th key={d.day} scope="col" abbr={dateLong(d.day)}>{Number(d.day.slice(8))}</th>)}</tr></thead>
                  <tbody>{places.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.code}</th>
                      {p.perDay.map((d) => (
                        <td key={d.day} title={tr.cellTitle(dateLong(d.day), d.occupied ?? 0, p.capacity, d.suspended ?? 0, d['out-of-use'] ?? 0)}>
                          {d.occupied ? `${d.occupied}/${p.capacity}` : d.suspended ? tr.suspendedMark : d['out-of-use'] ? tr.outOfUseMark : '·'}
                        </td>
                      ))}
                    </tr>
                  ))}</tbody>
                </table>
                </div>
              </>
            )}
          </section>
          <section aria-labelledby="loi-claim">
            <h2 id="loi-claim">{tr.claimTitle(monthNl(`${month}-01`))}</h2>
            {claim ? (
              <>
                <table>
                  <caption>{tr.claimCaption(dateLong(claim.ratesValidFrom))}</caption>
                  <thead><tr>{tr.claimColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
                  <tbody>
                    {claim.lines.map((l) => (
                      <tr key={l.state}><th scope="row">{tr.states[l.state as State]}</th><td>{number(l.placeDays)}</td><td>{euro(l.rateCents)}</td><td>{euro(l.amountCents)}</td></tr>
                    ))}
                    <tr><th scope="row">{tr.total}</th><td /><td /><td>{claim.total}</td></tr>
                  </tbody>
                </table>
                <p><a href={`/loi/claims/${month}?format=csv`} download aria-label={tr.csv(monthNl(`${month}-01`))}>{tr.csvShort}</a></p>
              </>
            ) : <p>{tr.noClaim}</p>}
          </section>
        </>
      )}
      <ResidentSections />
      {may(user, 'loi:write') ? <NewPlace onDone={load} /> : null}
    </Page>
  );
}

/**
 * The households of the LOI (its open dossiers) and what the coordinator watches for them: who lives where, the
 * Match-IT declarations not yet entered (before 10:00 on the next working day, LOI-3-ARRIVAL and LOI-3) and the
 * evaluations of the reception needs that are due (LOI-1, LOI-2).
 */
function ResidentSections() {
  const tr = t.loi;
  const [residents, setResidents] = useState<Residents | null>(null);
  useEffect(() => void api.GET('/loi/residents').then(({ data }) => setResidents(data ?? null)), []);
  if (!residents) return <Loading />;
  const today = residents.today;
  const person = (p: { firstName: string; lastName: string; birthDate?: string | null }) =>
    `${p.firstName} ${p.lastName}${p.birthDate ? ` (${tr.age(ageOn(p.birthDate, today))})` : ''}`;
  const dossierLink = (r: Residents['items'][number]) => <Link to={`/dossiers/${r.dossierId}`}>{r.reference}</Link>;
  const declarations = residents.items.flatMap((r) => r.declarations.map((d) => ({ r, d })));
  const evaluations = residents.items.filter((r) => r.evaluation).sort((a, b) => (a.evaluation!.dueDate ?? '9').localeCompare(b.evaluation!.dueDate ?? '9'));
  return (
    <>
      <section aria-labelledby="loi-residents">
        <h2 id="loi-residents">{tr.residents}</h2>
        {residents.items.length === 0 ? <p>{tr.noResidents}</p> : (
          <table>
            <caption>{tr.residentsCaption}</caption>
            <thead><tr>{tr.residentColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>{residents.items.map((r) => (
              <tr key={r.dossierId}>
                <td>{dossierLink(r)}</td>
                <th scope="row">{person(r.applicant)}</th>
                <td>{r.household.length === 0 ? tr.alone : (
                  <ul className="plain">{r.household.map((m) => <li key={`${m.firstName}-${m.lastName}-${m.birthDate}`}>{HOUSEHOLD_ROLE_LABELS[m.role as HouseholdRole] ?? m.role}: {person(m)}</li>)}</ul>
                )}</td>
                <td>{r.place ? tr.placeSince(r.place.code, dateLong(r.place.since)) : tr.noPlace}</td>
                <td>{r.statusLabel}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="loi-declarations">
        <h2 id="loi-declarations">{tr.declarations}</h2>
        {declarations.length === 0 ? <p>{tr.noDeclarations}</p> : (
          <table>
            <caption>{tr.declarationsCaption}</caption>
            <thead><tr>{tr.declarationColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>{declarations.map(({ r, d }) => (
              <tr key={d.partnerMessageId} className={d.overdue ? 'overdue' : undefined}>
                <td>{dossierLink(r)}</td>
                <th scope="row">{tr.declarationKinds[d.kind]}</th>
                <td>{dateLong(d.day)}</td>
                <td>{d.dueAt ? `${tr.before(dateTime(d.dueAt))}${d.overdue ? ` — ${tr.late}` : ''}` : '—'}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="loi-evaluations">
        <h2 id="loi-evaluations">{tr.evaluations}</h2>
        {evaluations.length === 0 ? <p>{tr.noEvaluations}</p> : (
          <table>
            <caption>{tr.evaluationsCaption}</caption>
            <thead><tr>{tr.evaluationColumns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>{evaluations.map((r) => {
              const e = r.evaluation!;
              return (
                <tr key={e.taskId} className={e.overdue ? 'overdue' : undefined}>
                  <td>{dossierLink(r)}</td>
                  <th scope="row">{person(r.applicant)}</th>
                  <td>{e.n === 1 ? tr.firstEvaluation : tr.nthEvaluation(e.n ?? 0)}</td>
                  <td>{e.dueDate ? `${dateLong(e.dueDate)}${e.overdue ? ` — ${tr.late}` : ''}` : '—'}</td>
                  <td>{e.assignee ?? tr.unassigned}</td>
                </tr>
              );
            })}</tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** The team lead adds a place (a housing unit with its beds). */
function NewPlace({ onDone }: { onDone: () => void }) {
  const tr = t.loi;
  const [form, setForm] = useState({ code: '', address: '', capacity: '', target: 'family', openedOn: todayInBrussels() });
  const [error, setError] = useState('');
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const capacity = Number(form.capacity);
    if (!form.code.trim() || !form.address.trim() || !Number.isInteger(capacity) || capacity < 1) return setError(tr.incomplete);
    const { error: problem, response } = await api.POST('/loi/places', {
      body: { code: form.code.trim(), address: form.address.trim(), capacity, target: form.target as 'family' | 'single', openedOn: form.openedOn },
    });
    if (problem) return setError(response.status === 409 ? tr.duplicate : refusal(response.status));
    setError('');
    setForm({ ...form, code: '', address: '', capacity: '' });
    onDone();
  };
  return (
    <section aria-labelledby="loi-new-place">
      <h2 id="loi-new-place">{tr.newPlace}</h2>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label={tr.newPlace}>
        <label htmlFor="place-code">{tr.code}</label>
        <input id="place-code" value={form.code} onChange={set('code')} />
        <label htmlFor="place-address">{tr.address}</label>
        <input id="place-address" value={form.address} onChange={set('address')} />
        <label htmlFor="place-capacity">{tr.capacity}</label>
        <input id="place-capacity" inputMode="numeric" value={form.capacity} onChange={set('capacity')} />
        <label htmlFor="place-target">{tr.target}</label>
        <select id="place-target" value={form.target} onChange={set('target')}>
          <option value="family">{tr.targets.family}</option>
          <option value="single">{tr.targets.single}</option>
        </select>
        <label htmlFor="place-opened">{tr.openedOn}</label>
        <input id="place-opened" type="date" value={form.openedOn} onChange={set('openedOn')} />
        <button type="submit">{tr.add}</button>
        <p className="error" role="alert">{error}</p>
      </form>
    </section>
  );
}
