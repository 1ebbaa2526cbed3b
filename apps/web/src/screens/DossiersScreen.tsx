import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong } from '../format';
import { t } from '../i18n';
import { type Catalogue, useCatalogue } from '../procedures';
import { useSession } from '../session';

type Query = NonNullable<paths['/dossiers']['get']['parameters']['query']>;
type DossierList = paths['/dossiers']['get']['responses']['200']['content']['application/json'];

const PAGE_SIZE = 50;
const FILTERS = ['scope', 'procedure', 'status', 'risk'] as const;
const riskClass = (risk: string | undefined) => (risk === 'overdue' ? 'risk-late' : risk === 'at-risk' || risk === 'due-soon' ? 'risk-soon' : undefined);

/** The statuses to filter on: those of the procedure chosen, or of every procedure (each code once). */
function statusOptions(catalogue: Catalogue, procedure: string): [string, string][] {
  const procedures = procedure ? catalogue.all.filter((p) => p.name === procedure) : catalogue.all;
  const seen = new Map<string, string>();
  for (const p of procedures) for (const s of p.statuses) if (!seen.has(s.code)) seen.set(s.code, s.label);
  return [...seen];
}

function Select({ name, label, value, options, onChange }: { name: string; label: string; value: string; options: [string, string][]; onChange(v: string): void }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}

/**
 * Mijn dossiers (the social worker's default) and the team's dossiers (the team lead's): filtered by procedure,
 * status and deadline risk, the nearest open legal deadline first. The filters live in the address: a bookmark keeps them.
 */
export function DossiersScreen() {
  const catalogue = useCatalogue();
  const user = useSession().user;
  const [params, setParams] = useSearchParams();
  const [list, setList] = useState<DossierList | null>(null);
  const [failed, setFailed] = useState(false);
  const scope = params.get('scope') ?? (user?.role === 'team-lead' ? 'team' : 'mine');
  const value = (name: (typeof FILTERS)[number]) => (name === 'scope' ? scope : (params.get(name) ?? ''));
  const page = Number(params.get('pagina') ?? '1') || 1;
  const key = `${FILTERS.map(value).join('|')}|${page}`;

  useEffect(() => {
    let stop = false;
    const query: Record<string, string> = { scope, page: String(page), pageSize: String(PAGE_SIZE) };
    for (const name of FILTERS) if (value(name)) query[name] = value(name);
    setFailed(false);
    void api.GET('/dossiers', { params: { query: query as Query } }).then(({ data }) => {
      if (stop) return;
      if (data) setList(data);
      else setFailed(true);
    });
    return () => {
      stop = true;
    };
  }, [key]); // the key holds every filter and the page

  const set = (name: (typeof FILTERS)[number] | 'pagina', v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(name, v);
    else next.delete(name);
    if (name !== 'pagina') next.delete('pagina');
    // A status of one procedure may not exist in another: choosing a procedure resets the status filter.
    if (name === 'procedure') next.delete('status');
    setParams(next);
  };

  const title = t.dossiers.title[scope] ?? t.dossiers.title.mine;
  if (!catalogue) return <Page title={title}><Loading /></Page>;
  const all: [string, string] = ['', t.dossiers.all];
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;
  return (
    <Page title={title}>
      <form aria-label={t.dossiers.filters} role="search" onSubmit={(e) => e.preventDefault()} className="filters">
        <Select name="scope" label={t.dossiers.scope} value={scope} options={[['mine', t.dossiers.title.mine], ['team', t.dossiers.title.team]]} onChange={(v) => set('scope', v)} />
        <Select name="procedure" label={t.dossiers.procedure} value={value('procedure')} options={[all, ...catalogue.all.map((p): [string, string] => [p.name, p.title])]} onChange={(v) => set('procedure', v)} />
        <Select
          name="status"
          label={t.dossiers.status}
          value={value('status')}
          options={[all, ['open', t.dossiers.open], ['closed', t.dossiers.closed], ...statusOptions(catalogue, value('procedure'))]}
          onChange={(v) => set('status', v)}
        />
        <Select name="risk" label={t.dossiers.risk} value={value('risk')} options={[all, ...Object.entries(t.dossiers.risks)]} onChange={(v) => set('risk', v)} />
      </form>
      {failed ? (
        <p role="alert">{t.errors.generic}</p>
      ) : !list ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p role="status">{t.dossiers.none}</p>
      ) : (
        <>
          <table>
            <caption>{t.dossiers.caption(list.total)}</caption>
            <thead>
              <tr>{t.dossiers.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {list.items.map((d) => {
                const deadline = d.nearestDeadline;
                return (
                  <tr key={d.id} className={riskClass(deadline?.risk)}>
                    <td><Link to={`/clienten/${d.personId}`}>{d.clientName}</Link></td>
                    <td><Link to={`/dossiers/${d.id}`}>{d.reference}</Link></td>
                    <td>{d.procedureTitle}</td>
                    <td>{d.statusLabel}</td>
                    <td>
                      {deadline ? `${dateLong(deadline.dueDate)} (${t.tasks.daysLeft(deadline.daysLeft)})` : t.dossiers.noDeadline}
                      {deadline && t.dossiers.riskMark[deadline.risk] && <strong>{` — ${t.dossiers.riskMark[deadline.risk]}`}</strong>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {pages > 1 && (
            <nav aria-label={t.dossiers.page(page, pages)}>
              <button type="button" disabled={page <= 1} onClick={() => set('pagina', String(page - 1))}>{t.dossiers.previous}</button>
              <span>{` ${t.dossiers.page(page, pages)} `}</span>
              <button type="button" disabled={page >= pages} onClick={() => set('pagina', String(page + 1))}>{t.dossiers.next}</button>
            </nav>
          )}
        </>
      )}
    </Page>
  );
}
