import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong, datesInText, dateTime } from '../format';
import { t } from '../i18n';
import { useCatalogue } from '../procedures';
import { EventsSection, HouseholdSection, LinksSection } from './DossierActions';
import { ReimbursementSection } from './ReimbursementSection';
import { DocumentsSection } from './DocumentsSection';
import { BudgetPlanSection } from './BudgetPlanSection';
import { CreditorCorrespondenceSection } from './CreditorCorrespondenceSection';
import { CollectiveSettlementSection } from './CollectiveSettlementSection';
import { InventorySection } from './InventorySection';
import { NotesSection } from './NotesSection';
import { PartiesSection } from './PartiesSection';
import { ReferralsSection } from './ReferralsSection';

type Dossier = paths['/dossiers/{id}']['get']['responses']['200']['content']['application/json'];
type Notices = paths['/dossiers/{id}/notices']['get']['responses']['200']['content']['application/json'];
interface Step {
  step: string;
  date: string;
  text: string;
}

const riskClass = (d: number | null | undefined) => (d === null || d === undefined ? undefined : d < 0 ? 'risk-late' : d <= 7 ? 'risk-soon' : undefined);

/** Right after POST /dossiers the read model may not show the first task yet: a few short retries until it does. */
const RETRIES = 10;
const RETRY_MS = 400;

/** The timeline without an event told twice (same moment, kind and text). */
export function onceEach<T extends { at?: string; type?: string; description?: string }>(events: T[]): T[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.at}|${e.type}|${e.description}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The dossier: client and status, deadlines with every step of "Waarom deze datum?", tasks, parties, links, letters, timeline. */
export function DossierScreen() {
  const { id = '' } = useParams();
  const catalogue = useCatalogue();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [notices, setNotices] = useState<Notices['items']>([]);
  const [missing, setMissing] = useState(false);
  // A change made here (an event, a member, a link): its message, and the dossier loaded again.
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState('');
  const done = (text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
  };
  useEffect(() => setMessage(''), [id]); // another dossier: not this one's message

  useEffect(() => {
    let stop = false;
    const load = async (attempt: number) => {
      const [{ data }, letters] = await Promise.all([api.GET('/dossiers/{id}', { params: { path: { id } } }), api.GET('/dossiers/{id}/notices', { params: { path: { id } } })]);
      if (stop) return;
      if (!data) return setMissing(true);
      setDossier(data);
      setNotices(letters.data?.items ?? []);
      const empty = (data.openTasks ?? []).length + (data.doneTasks ?? []).length === 0 && !data.closedAt;
      if (empty && attempt < RETRIES) setTimeout(() => void load(attempt + 1), RETRY_MS); // the first task is on its way
    };
    void load(0);
    return () => {
      stop = true;
    };
  }, [id, version]);

  if (missing) return <Page title={t.dossier.notFound}><p>{t.refusal[404]}</p></Page>;
  if (!dossier || !catalogue) return <Page title={t.app.loading}><Loading /></Page>;
  const d = dossier;
  const tasks = [...(d.openTasks ?? []), ...(d.doneTasks ?? [])];
  return (
    <Page title={t.dossier.title(d.reference)}>
      <p role="status">{message}</p>
      <section aria-label="Cliënt en status">
        <p>
          {d.person?.id ? <Link to={`/clienten/${d.person.id}`}>{`${d.person.firstName ?? ''} ${d.person.lastName ?? ''}`}</Link> : null}
          {t.dossier.summary('', catalogue.title(d.procedure))}
          <strong data-status={d.status}>{catalogue.statusLabel(d.procedure, d.status)}</strong>
        </p>
      </section>
      {d.competence && (
        <section aria-label={t.competence.dossierTitle}>
          <h2>{t.competence.dossierTitle}</h2>
          <p>{d.competence.thisOcmw ? t.competence.thisOcmw(d.competence.legalBasis) : t.competence.other(d.competence.competentName, d.competence.legalBasis)}</p>
          <details>
            <summary>{t.competence.why}</summary>
            <ol>{d.competence.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
          </details>
        </section>
      )}
      <section aria-label={t.dossier.deadlines}>
        <h2>{t.dossier.deadlines}</h2>
        <ul>
          {(d.deadlines ?? []).map((x) => (
            <li key={x.id ?? x.key} className={riskClass(x.daysLeft)}>
              <strong>{t.dossier.due(x.title ?? '', x.dueDate ? dateLong(x.dueDate) : null, t.dossier.deadlineStatus[x.status ?? ''] ?? x.status ?? '')}</strong>
              <details>
                <summary>{t.dossier.why}</summary>
                {Array.isArray(x.explanationSteps) && x.explanationSteps.length > 0 ? (
                  <ol>
                    {(x.explanationSteps as Step[]).map((s, i) => (
                      <li key={i}>{`${dateLong(s.date)}: ${s.text}`}</li>
                    ))}
                  </ol>
                ) : (
                  <p>{x.explanation}</p>
                )}
                {x.legalBasis && <p>{t.dossier.legalBasis(x.legalBasis)}</p>}
              </details>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label={t.dossier.tasks}>
        <h2>{t.dossier.tasks}</h2>
        <ul>
          {tasks.map((task) => (
            <li key={task.id}>
              {task.status === 'completed' ? (
                t.dossier.taskDone(catalogue.taskTitle({ ...task, procedure: d.procedure }))
              ) : (
                <Link to={`/taken/${task.id}`}>{t.dossier.taskOpen(catalogue.taskTitle({ ...task, procedure: d.procedure }), t.tasks.status[task.status] ?? task.status)}</Link>
              )}
            </li>
          ))}
        </ul>
      </section>
      <PartiesSection dossier={d} done={done} />
      <HouseholdSection dossier={d} catalogue={catalogue} done={done} />
      <LinksSection dossier={d} done={done} />
      <EventsSection dossier={d} catalogue={catalogue} version={version} done={done} />
      <ReimbursementSection dossierId={d.id} procedure={d.procedure} closed={!!d.closedAt} catalogue={catalogue} version={version} done={done} />
      <NotesSection dossierId={d.id} closed={!!d.closedAt} />
      <DocumentsSection dossierId={d.id} />
      <ReferralsSection dossierId={d.id} closed={!!d.closedAt} />
      <InventorySection dossierId={d.id} closed={!!d.closedAt} />
      {d.procedure === 'debt-mediation' && <BudgetPlanSection dossierId={d.id} closed={!!d.closedAt} />}
      {d.procedure === 'debt-mediation' && (
        <CreditorCorrespondenceSection dossierId={d.id} closed={!!d.closedAt}
          parties={(d.parties ?? []).filter((l) => !l.endedAt).map((l) => ({ id: l.party.id, name: l.party.name }))} />
      )}
      {d.procedure === 'debt-mediation' && <CollectiveSettlementSection dossierId={d.id} closed={!!d.closedAt} />}
      <section aria-label={t.dossier.letters}>
        <h2>{t.dossier.letters}</h2>
        {notices.length === 0 ? (
          <p>{t.dossier.none}</p>
        ) : (
          <ul>
            {notices.map((n) => (
              <li key={n.id}>
                {`${t.dossier.letter(n.title ?? n.kind, n.recipientParty?.name)} `}
                <a href={`/notices/${n.id}/pdf`} download={`${n.key}.pdf`} aria-label={`${t.dossier.pdf}: ${n.title ?? n.kind}`}>
                  {t.dossier.pdf}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label={t.dossier.timeline}>
        <h2>{t.dossier.timeline}</h2>
        <ol>
          {onceEach(d.timeline ?? []).map((e, i) => (
            <li key={i}>{`${e.at ? dateTime(e.at) : ''} — ${datesInText(e.description ?? '')}`}</li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
