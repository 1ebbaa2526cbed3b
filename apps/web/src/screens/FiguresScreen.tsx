import { BarElement, CategoryScale, Chart as ChartJS, type ChartData, type ChartOptions, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong, euro, month, number, todayInBrussels } from '../format';
import { t } from '../i18n';
import { may, useSession } from '../session';
import { refusal } from './TaskScreen';

// Only the parts of chart.js these charts use (bar and line charts on a category and a linear axis, legend, tooltip);
// react-chartjs-2's <Bar> and <Line> register their own controllers.
ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Legend, Tooltip);

type FigurePath = '/figures/deadlines' | '/figures/breaches' | '/figures/workload' | '/figures/dossiers';
type Json<R> = R extends { 200: { content: { 'application/json': infer J } } } ? J : never;
interface Figures {
  deadlines: Json<paths['/figures/deadlines']['get']['responses']>;
  breaches: Json<paths['/figures/breaches']['get']['responses']>;
  workload: Json<paths['/figures/workload']['get']['responses']>;
  dossiers: Json<paths['/figures/dossiers']['get']['responses']>;
}

/** Colours with enough contrast on white, one per series (they repeat after eight). */
const COLOURS = ['#1f5fa8', '#b34700', '#2e7d32', '#7b1fa2', '#00838f', '#a4000f', '#5d4037', '#455a64'];
const colour = (i: number) => COLOURS[i % COLOURS.length];

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
/** Every month from `from` to `to`, both included. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthOf(i));
  return out;
}
const unique = <T,>(values: T[]) => [...new Set(values)];

/** One series per `seriesOf` value over the x labels `xs`, summing `valueOf` of the rows at each x. */
function series<R>(rows: R[], xs: string[], xOf: (r: R) => string, seriesOf: (r: R) => string, valueOf: (r: R) => number | null) {
  return unique(rows.map(seriesOf)).map((label, i) => ({
    label,
    data: xs.map((x) => {
      const hits = rows.filter((r) => xOf(r) === x && seriesOf(r) === label);
      return hits.length ? hits.reduce((sum, r) => sum + (valueOf(r) ?? 0), 0) : null;
    }),
    backgroundColor: colour(i),
    borderColor: colour(i),
  }));
}

const options = (axis: string, stacked = false, max?: number): ChartOptions<'bar' | 'line'> => ({
  animation: false,
  locale: 'nl-BE', // axis ticks and tooltips: 1.400, not 1,400
  responsive: true,
  maintainAspectRatio: false,
  plugins: { legend: { position: 'bottom' } },
  scales: { x: { stacked }, y: { stacked, beginAtZero: true, max, ticks: { precision: 0 }, title: { display: true, text: axis } } },
});

/**
 * The team lead's figures (issue 11): deadlines met on time, breaches per cause, workload per worker, dossiers opened
 * and closed — each a chart with its numbers in a table beneath and its CSV and XLSX export. The period is in the URL
 * (?van=2025-03&tot=2025-04), so a view can be bookmarked; by default the last twelve months.
 */
export function FiguresScreen() {
  const [params, setParams] = useSearchParams();
  const thisMonth = todayInBrussels().slice(0, 7);
  const to = params.get('tot') ?? thisMonth;
  const from = params.get('van') ?? monthOf(monthIndex(to) - 11);
  const [data, setData] = useState<Figures | null>(null);
  const [failed, setFailed] = useState(false);
  const [range, setRange] = useState({ from, to });
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    setData(null);
    const query = { params: { query: { from, to } } };
    void Promise.all([api.GET('/figures/deadlines', query), api.GET('/figures/breaches', query), api.GET('/figures/workload', query), api.GET('/figures/dossiers', query)]).then(
      ([deadlines, breaches, workload, dossiers]) => {
        if (!live) return;
        if (deadlines.data && breaches.data && workload.data && dossiers.data) {
          // The routes also answer CSV or XLSX (?format=), which the generated types union in; asked without, they answer JSON.
          setData({ deadlines: deadlines.data, breaches: breaches.data, workload: workload.data, dossiers: dossiers.data } as Figures);
        } else setFailed(true);
      },
    );
    return () => { live = false; };
  }, [from, to]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const valid = (m: string) => /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(m);
    if (!valid(range.from) || !valid(range.to)) return setError(t.figures.badMonth);
    if (range.from > range.to) return setError(t.figures.badRange);
    setError('');
    setParams({ van: range.from, tot: range.to });
  };

  const months = monthsBetween(from, to);
  const monthLabels = months.map(month);
  return (
    <Page title={t.figures.title}>
      <form noValidate onSubmit={submit} aria-label={t.figures.period}>
        <MonthField id="figures-from" legend={t.figures.from} value={range.from} onChange={(v) => setRange({ ...range, from: v })} />
        <MonthField id="figures-to" legend={t.figures.to} value={range.to} onChange={(v) => setRange({ ...range, to: v })} />
        <button type="submit">{t.figures.show}</button>
        <p className="error" role="alert">{error}</p>
      </form>
      {failed ? <p role="alert">{t.errors.generic}</p> : !data ? <Loading /> : (
        <>
          <FigureSection id="deadlines" title={t.figures.deadlines.title} path="/figures/deadlines" from={from} to={to} columns={t.figures.deadlines.columns}
            rows={data.deadlines.items.map((r) => [month(r.month), r.ruleId, r.title, number(r.due), number(r.onTime), number(r.late), number(r.pending), r.onTimePercent === null ? '—' : number(r.onTimePercent, 1)])}
            chart={<Bar aria-label={t.figures.chart(t.figures.deadlines.title)} options={options(t.figures.deadlines.axis, false, 100)} data={{ labels: monthLabels, datasets: series(data.deadlines.items, months, (r) => r.month, (r) => `${r.ruleId} ${r.title}`, (r) => r.onTimePercent) }} />}
          />
          <FigureSection id="breaches" title={t.figures.breaches.title} path="/figures/breaches" from={from} to={to} columns={t.figures.breaches.columns}
            rows={data.breaches.items.map((r) => [month(r.month), r.causeLabel, number(r.breaches)])}
            chart={<Bar aria-label={t.figures.chart(t.figures.breaches.title)} options={options(t.figures.breaches.axis, true)} data={{ labels: monthLabels, datasets: series(data.breaches.items, months, (r) => r.month, (r) => r.causeLabel, (r) => r.breaches) }} />}
          />
          <WorkloadSection from={from} to={to} items={data.workload.items} />
          <FigureSection id="dossiers" title={t.figures.dossiers.title} path="/figures/dossiers" from={from} to={to} columns={t.figures.dossiers.columns}
            rows={data.dossiers.items.map((r) => [month(r.month), r.procedureTitle, number(r.opened), number(r.closed)])}
            chart={<Bar aria-label={t.figures.chart(t.figures.dossiers.title)} options={options(t.figures.dossiers.axis)} data={{
              labels: monthLabels,
              datasets: [
                ...series(data.dossiers.items, months, (r) => r.month, (r) => t.figures.dossiers.opened(r.procedureTitle), (r) => r.opened),
                ...series(data.dossiers.items, months, (r) => r.month, (r) => t.figures.dossiers.closed(r.procedureTitle), (r) => r.closed),
              ].map((d, i) => ({ ...d, backgroundColor: colour(i), borderColor: colour(i) })),
            }} />}
          />
        </>
      )}
      <DebtReportSection />
      <HeatingReportSection />
    </Page>
  );
}

/** A month as a Dutch month name and a year (the browser's own month picker speaks the browser's language). */
function MonthField({ id, legend, value, onChange }: { id: string; legend: string; value: string; onChange(value: string): void }) {
  const [year, monthNumber] = [value.slice(0, 4), value.slice(5, 7)];
  return (
    <fieldset className="month-field">
      <legend>{legend}</legend>
      <label htmlFor={`${id}-month`}>{t.figures.month}</label>
      <select id={`${id}-month`} value={monthNumber} onChange={(e) => onChange(`${year}-${e.target.value}`)}>
        {t.figures.months.map((name, i) => <option key={name} value={String(i + 1).padStart(2, '0')}>{name}</option>)}
      </select>
      <label htmlFor={`${id}-year`}>{t.figures.year}</label>
      <input id={`${id}-year`} inputMode="numeric" size={4} maxLength={4} value={year} onChange={(e) => onChange(`${e.target.value.replace(/[^0-9]/g, '')}-${monthNumber}`)} />
    </fieldset>
  );
}

function WorkloadSection({ from, to, items }: { from: string; to: string; items: Figures['workload']['items'] }) {
  const days = unique(items.map((r) => r.day)).sort();
  const data: ChartData<'line'> = { labels: days.map(dateLong), datasets: series(items, days, (r) => r.day, (r) => r.displayName, (r) => r.openTasks) };
  return (
    <FigureSection id="workload" title={t.figures.workload.title} path="/figures/workload" from={from} to={to} columns={t.figures.workload.columns}
      rows={items.map((r) => [dateLong(r.day), r.displayName, number(r.openTasks), number(r.overdueTasks)])}
      chart={<Line aria-label={t.figures.chart(t.figures.workload.title)} options={options(t.figures.workload.axis) as ChartOptions<'line'>} data={data} />}
    />
  );
}

/** A figure: heading, the chart (react-chartjs-2's canvas is role=img, named to point to the table), the table, the downloads. */
function FigureSection({ id, title, path, from, to, columns, rows, chart }: {
  id: string; title: string; path: FigurePath; from: string; to: string; columns: string[]; rows: string[][]; chart: ReactNode;
}) {
  const file = (format: 'csv' | 'xlsx') => `${path}?${new URLSearchParams({ from, to, format })}`;
  return (
    <section aria-labelledby={`figure-${id}`} className="figure">
      <h2 id={`figure-${id}`}>{title}</h2>
      {rows.length === 0 ? <p>{t.figures.none}</p> : (
        <>
          <div style={{ position: 'relative', height: '18rem' }}>{chart}</div>
          <table>
            <caption>{title}</caption>
            <thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>{rows.map((r, i) => <tr key={i}>{r.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}</tr>)}</tbody>
          </table>
        </>
      )}
      <p>
        {t.figures.downloads}{' '}
        <a href={file('csv')} download aria-label={t.figures.csv(title)}>{t.figures.csvShort}</a>{' · '}
        <a href={file('xlsx')} download aria-label={t.figures.xlsx(title)}>{t.figures.xlsxShort}</a>
      </p>
    </section>
  );
}

type DebtReport = Json<paths['/figures/debt-mediation-report']['get']['responses']>;

/**
 * The annual report and basic registration of debt mediation files for the Flemish department (due 31 March of the
 * next year): a year of its own (default: last year), the counts per team and type, and the CSV and PDF downloads.
 */
function DebtReportSection() {
  const tr = t.figures.debtReport;
  const [year, setYear] = useState(String(Number(todayInBrussels().slice(0, 4)) - 1));
  const [shown, setShown] = useState(year);
  const [report, setReport] = useState<DebtReport | null>(null);
  const [error, setError] = useState('');
  const [loaded, setLoaded] = useState(0);
  const { user } = useSession();
  useEffect(() => {
    let live = true;
    setReport(null);
    void api.GET('/figures/debt-mediation-report', { params: { query: { year: shown } } }).then(({ data }) => {
      if (live && data) setReport(data as DebtReport);
    });
    return () => { live = false; };
  }, [shown, loaded]);
  const ended = Number(shown) < Number(todayInBrussels().slice(0, 4));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^20[0-9]{2}$/.test(year)) return setError(t.figures.badMonth);
    setError('');
    setShown(year);
  };
  const file = (format: 'csv' | 'pdf') => `/figures/debt-mediation-report?${new URLSearchParams({ year: shown, format })}`;
  return (
    <section aria-labelledby="figure-debt-report" className="figure">
      <h2 id="figure-debt-report">{tr.title}</h2>
      <p>{tr.help(Number(shown))}</p>
      <form noValidate onSubmit={submit} aria-label={tr.title}>
        <label htmlFor="debt-report-year">{t.figures.year}</label>
        <input id="debt-report-year" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        <button type="submit">{tr.show}</button>
        <p className="error" role="alert">{error}</p>
      </form>
      {!report ? <Loading /> : report.items.length === 0 ? <p>{tr.none}</p> : (
        <table>
          <caption>{tr.caption(Number(shown))}</caption>
          <thead><tr>{tr.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>{report.items.map((r) => (
            <tr key={`${r.team}:${r.type}`}><th scope="row">{r.team}</th><td>{r.typeLabel}</td><td>{number(r.opened)}</td><td>{number(r.closed)}</td><td>{number(r.runningAtYearEnd)}</td></tr>
          ))}</tbody>
        </table>
      )}
      <p>
        {t.figures.downloads}{' '}
        <a href={file('csv')} download aria-label={t.figures.csv(tr.caption(Number(shown)))}>{t.figures.csvShort}</a>{' · '}
        <a href={file('pdf')} download aria-label={tr.pdf(tr.caption(Number(shown)))}>{tr.pdfShort}</a>
      </p>
      {report?.submitted ? (
        <p>{tr.submitted(dateLong(report.submitted.submittedOn), report.submitted.submittedBy)}</p>
      ) : report && ended && may(user, 'report:submit') ? (
        <SubmitDebtReport year={Number(shown)} onDone={() => setLoaded((n) => n + 1)} />
      ) : null}
    </section>
  );
}

/** The team lead marks the year's report sent to the department: the figures are frozen and the DEBT-1 clock is met. */
function SubmitDebtReport({ year, onDone }: { year: number; onDone: () => void }) {
  const tr = t.figures.debtReport;
  const [on, setOn] = useState(todayInBrussels());
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const { error: problem, response } = await api.POST('/figures/debt-mediation-report/submission', { body: { year, submittedOn: on } });
    setBusy(false);
    if (!problem) return onDone();
    const fields = (problem as { errors?: { path: string; message: string }[] }).errors;
    setError(fields?.some((f) => f.path === '/submittedOn') ? tr.badSubmittedOn(year) : refusal(response.status));
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={tr.submitTitle(year)}>
      <label htmlFor="debt-report-submitted-on">{tr.submittedOn}</label>
      <input id="debt-report-submitted-on" type="date" aria-describedby="debt-report-submit-error" value={on} onChange={(e) => setOn(e.target.value)} />
      <button type="submit" disabled={busy}>{tr.submit}</button>
      <p id="debt-report-submit-error" className="error" role="alert">{error}</p>
    </form>
  );
}

type HeatingReport = Json<paths['/figures/heating-allowances']['get']['responses']>;

/** The month before this one (YYYY-MM): the allowances the Fund reimburses this month (HF-4). */
function previousMonth(): string {
  const [y, m] = todayInBrussels().slice(0, 7).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * HF-4: the heating allowances the BCSD granted in a month (default: last month), what the Sociaal Verwarmingsfonds
 * reimburses the month after — each allowance, the totals per category, and the CSV and XLSX downloads.
 */
function HeatingReportSection() {
  const tr = t.figures.heatingReport;
  const [chosen, setChosen] = useState(previousMonth());
  const [shown, setShown] = useState(chosen);
  const [report, setReport] = useState<HeatingReport | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setReport(null);
    void api.GET('/figures/heating-allowances', { params: { query: { month: shown } } }).then(({ data }) => {
      if (live && data) setReport(data as HeatingReport);
    });
    return () => { live = false; };
  }, [shown]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(chosen)) return setError(tr.badMonth);
    setError('');
    setShown(chosen);
  };
  const file = (format: 'csv' | 'xlsx') => `/figures/heating-allowances?${new URLSearchParams({ month: shown, format })}`;
  const caption = tr.caption(month(shown));
  return (
    <section aria-labelledby="figure-heating-report" className="figure">
      <h2 id="figure-heating-report">{tr.title}</h2>
      <p>{tr.help(month(shown))}</p>
      <form noValidate onSubmit={submit} aria-label={tr.title}>
        <label htmlFor="heating-report-month">{tr.month}</label>
        <input id="heating-report-month" type="month" value={chosen} onChange={(e) => setChosen(e.target.value)} />
        <button type="submit">{tr.show}</button>
        <p className="error" role="alert">{error}</p>
      </form>
      {!report ? <Loading /> : report.items.length === 0 ? <p>{tr.none}</p> : (
        <>
          <table>
            <caption>{caption}</caption>
            <thead><tr>{tr.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>{report.items.map((r) => (
              <tr key={r.reference}>
                <th scope="row">{r.reference}</th><td>{dateLong(r.decisionDate)}</td><td>{r.category}</td><td>{r.fuelLabel}</td>
                <td>{number(r.litres)}</td><td>{euro(r.amountCents)}</td><td>{r.payee}</td>
              </tr>
            ))}</tbody>
          </table>
          <p>{tr.totals(report.total, euro(report.totalCents))}</p>
          <ul>{report.totals.filter((c) => c.allowances > 0).map((c) => <li key={c.category}>{tr.perCategory(c.category, c.allowances, euro(c.amountCents))}</li>)}</ul>
        </>
      )}
      <p>
        {t.figures.downloads}{' '}
        <a href={file('csv')} download aria-label={t.figures.csv(caption)}>{t.figures.csvShort}</a>{' · '}
        <a href={file('xlsx')} download aria-label={t.figures.xlsx(caption)}>{t.figures.xlsxShort}</a>
      </p>
    </section>
  );
}
