// The team lead's view of competence and state reimbursement (issue 14): requests forwarded to and received from other
// OCMWs, competence conflicts with POD MI by stage, and the Wet 1965 claims claimed and outstanding (GET
// /dashboard/competence). Dossiers by reference, linked; every term with its date.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateLong, euro } from '../format';
import { t } from '../i18n';
import { useCatalogue } from '../procedures';

type View = paths['/dashboard/competence']['get']['responses']['200']['content']['application/json'];
type Term = View['forwarded'][number]['term'];

export function CompetenceOverview() {
  const [view, setView] = useState<View | null>(null);
  const [failed, setFailed] = useState(false);
  const catalogue = useCatalogue();
  useEffect(() => {
    void api.GET('/dashboard/competence').then(({ data }) => (data ? setView(data) : setFailed(true)));
  }, []);
  const tc = t.competenceOverview;
  if (failed) return <section aria-labelledby="competence"><h2 id="competence">{tc.title}</h2><p role="alert">{t.errors.generic}</p></section>;
  if (!view || !catalogue) return null;
  const status = (procedure: string, code: string) => catalogue.statusLabel(procedure, code);
  const term = (x: Term | null | undefined, open: (due: string) => string, done: (met: string) => string) =>
    !x ? '' : x.metDate ? `${done(dateLong(x.metDate))}${x.status === 'breached' ? ` ${tc.late}` : ''}` : x.dueDate ? `${open(dateLong(x.dueDate))}${x.status === 'breached' ? ` ${tc.overdue}` : ''}` : '';
  const link = (id: string, reference: string) => <Link to={`/dossiers/${id}`}>{reference}</Link>;
  const r = view.reimbursements;
  return (
    <section aria-labelledby="competence">
      <h2 id="competence">{tc.title}</h2>
      <h3>{tc.forwarded(view.forwarded.length)}</h3>
      {view.forwarded.length === 0 ? <p>{tc.none}</p> : (
        <ul aria-label={tc.forwardedList}>
          {view.forwarded.map((f) => (
            <li key={f.dossierId}>{link(f.dossierId, f.reference)}{` — ${status(f.procedure, f.status)} — ${term(f.term, tc.forwardBy, tc.forwardedOn)}`}</li>
          ))}
        </ul>
      )}
      <h3>{tc.received(view.received.length)}</h3>
      {view.received.length === 0 ? <p>{tc.none}</p> : (
        <ul aria-label={tc.receivedList}>
          {view.received.map((x) => (
            <li key={x.dossierId}>{link(x.dossierId, x.reference)}{` — ${tc.from(x.forwardingOcmw ?? tc.unknownOcmw, dateLong(x.receivedOn))} — ${status(x.procedure, x.status)}`}</li>
          ))}
        </ul>
      )}
      <h3>{tc.conflicts(view.conflicts.length)}</h3>
      {view.conflicts.length === 0 ? <p>{tc.none}</p> : (
        <ul aria-label={tc.conflictsList}>
          {view.conflicts.map((c) => (
            <li key={c.dossierId}>
              {link(c.dossierId, c.reference)}
              {` — ${tc.stage[c.stage] ?? c.stage} — `}
              {c.stage === 'to-submit' ? term(c.submission, tc.submitBy, tc.submittedOn)
                : c.stage === 'awaiting-designation' ? term(c.designation, tc.designationBy, tc.designatedOn)
                  : c.stage === 'designated' ? term(c.designation, tc.designationBy, tc.designatedOn)
                    : tc.decidedOn(dateLong(c.decidedOn ?? ''))}
            </li>
          ))}
        </ul>
      )}
      <h3>{tc.reimbursement}</h3>
      {r.dossiers.length === 0 ? <p>{tc.noClaims}</p> : (
        <table>
          <caption>{tc.reimbursementCaption}</caption>
          <thead><tr>{tc.columns.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {r.dossiers.map((d) => (
              <tr key={d.dossierId}>
                <th scope="row">{link(d.dossierId, d.reference)}</th>
                <td>{d.claims}</td>
                <td className="amount">{euro(d.claimedCents)}</td>
                <td className="amount">{euro(d.reimbursedCents)}</td>
                <td className="amount">{euro(d.outstandingCents)}</td>
                <td>{d.oldestUnansweredOn ? dateLong(d.oldestUnansweredOn) : '—'}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{tc.total}</th><td />
              <td className="amount">{euro(r.totals.claimedCents)}</td>
              <td className="amount">{euro(r.totals.reimbursedCents)}</td>
              <td className="amount">{euro(r.totals.outstandingCents)}</td><td />
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
