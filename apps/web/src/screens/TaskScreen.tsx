import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type ApiProblem } from '../api/client';
import type { paths } from '../api/schema';
import { ConfirmButton } from '../components/Confirm';
import { Loading, Page } from '../components/Page';
import {
  displayValue, draftValue, type FieldError, fieldLabel, type FormState, dutchError, initialState, isCents, localErrors, type ObjectSchema, SchemaForm, toValue,
} from '../components/SchemaForm';
import { dateLong, dateTime, euro, timeOfDay } from '../format';
import { t } from '../i18n';
import { usePicks } from '../components/picks';
import { CompetenceExplanation } from '../components/CompetenceExplanation';
import { useCatalogue } from '../procedures';

type Task = paths['/tasks/{id}']['get']['responses']['200']['content']['application/json'];
type Computed = paths['/tasks/{id}/computations']['post']['responses']['200']['content']['application/json']['items'][number];

/** A draft is saved this long after the typing stops (and at once when a field is left). */
const DRAFT_DELAY_MS = 1500;
const COMPUTE_DELAY_MS = 300;

/** A refusal without field errors (403, 404, 409, …) in Dutch. */
export function refusal(status: number): string {
  return status === 403 ? t.refusal[403] : status === 404 ? t.refusal[404] : status === 409 ? t.refusal[409] : t.refusal.other;
}

/** A task: its form while it is to be done, its outcome read-only once completed. */
export function TaskScreen() {
  const { id = '' } = useParams();
  const catalogue = useCatalogue();
  const [task, setTask] = useState<Task | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    void api.GET('/tasks/{id}', { params: { path: { id } } }).then(({ data }) => (data ? setTask(data) : setMissing(true)));
  }, [id]);

  if (missing) return <Page title={t.task.notFound}><p>{t.refusal[404]}</p></Page>;
  if (!task || !catalogue) return <Page title={t.app.loading}><Loading /></Page>;
  const title = catalogue.taskTitle({ kind: task.kind ?? '', title: task.title ?? '' });
  return (
    <Page title={title}>
      <p>
        <Link to={`/dossiers/${task.dossierId}`}>{task.dossierReference}</Link>
        {` · ${task.clientName ?? ''} · ${t.task.due(task.dueDate ? dateLong(task.dueDate) : '—')}`}
      </p>
      {task.status === 'completed' ? <FinishedTask task={task} /> : task.status === 'cancelled' ? <p>{t.task.cancelled}</p> : <TaskForm task={task} title={title} />}
    </Page>
  );
}

/** A completed task, to reread: every answered field with its label, amounts in euros, who completed it and when. */
function FinishedTask({ task }: { task: Task }) {
  const schema = task.outcomeSchema as ObjectSchema;
  const outcome = (task.outcome ?? {}) as Record<string, unknown>;
  const picks = usePicks(schema, task.dossierId);
  const answered = Object.entries(schema.properties ?? {}).filter(([name]) => outcome[name] !== undefined && outcome[name] !== null);
  return (
    <section aria-label={t.task.outcome}>
      <h2>{t.task.outcome}</h2>
      {task.completedAt && <p>{t.task.completedBy(task.completedByName ?? '—', dateTime(task.completedAt))}</p>}
      <dl className="outcome">
        {answered.map(([name, s]) => (
          <div key={name}>
            <dt>{fieldLabel(name, s, '')}</dt>
            <dd className={isCents(name, s) ? 'amount' : 'multiline'}>{displayValue(name, s, outcome[name], picks)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type DraftStatus = { kind: 'none' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' } | { kind: 'deleted' };

/**
 * The form generated from the outcome schema. It starts from the caller's draft on the server, else from what the
 * dossier knows (GET /tasks/:id/prefill), else empty; it is saved as a draft 1.5 s after typing stops and when a field
 * is left (never in the browser's storage); a computed amount is shown beside its field to take over.
 */
function TaskForm({ task, title }: { task: Task; title: string }) {
  const navigate = useNavigate();
  const id = task.id ?? '';
  const schema = task.outcomeSchema as ObjectSchema;
  const [state, setState] = useState<FormState | null>(null);
  const [prefilled, setPrefilled] = useState<FormState>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');
  const [draft, setDraft] = useState<DraftStatus>({ kind: 'none' });
  const [computed, setComputed] = useState<Computed[]>([]);
  const latest = useRef<FormState>({});
  const saved = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const hasComputed = useRef(false);
  const picks = usePicks(schema, task.dossierId);

  const compute = useCallback(async (form: FormState) => {
    const { data } = await api.POST('/tasks/{id}/computations', { params: { path: { id } }, body: draftValue(schema, form) as never });
    if (data) setComputed(data.items);
    return data?.items.length ?? 0;
  }, [id, schema]);

  useEffect(() => {
    void Promise.all([
      api.GET('/tasks/{id}/draft', { params: { path: { id } } }),
      api.GET('/tasks/{id}/prefill', { params: { path: { id } } }),
    ]).then(([d, p]) => {
      const start = initialState(schema, (p.data?.values ?? {}) as Record<string, unknown>);
      setPrefilled(start);
      const form = d.data ? initialState(schema, d.data.data as Record<string, unknown>) : start;
      if (d.data) {
        saved.current = JSON.stringify(draftValue(schema, form));
        setDraft({ kind: 'saved', at: d.data.savedAt });
      }
      latest.current = form;
      setState(form);
      void compute(form).then((n) => { hasComputed.current = n > 0; });
    });
  }, [id, schema, compute]);

  // The pending computation follows the form as typed.
  useEffect(() => {
    if (!state || !hasComputed.current) return;
    const handle = setTimeout(() => void compute(state), COMPUTE_DELAY_MS);
    return () => clearTimeout(handle);
  }, [state, compute]);

  /** `keepalive`: the request outlives the page (a tab closed within the 1.5 s). */
  const saveDraft = useCallback(async (keepalive = false) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const body = draftValue(schema, latest.current);
    const json = JSON.stringify(body);
    if (json === saved.current) return;
    setDraft({ kind: 'saving' });
    const { data } = await api.PUT('/tasks/{id}/draft', { params: { path: { id } }, body: body as never, keepalive });
    if (!data) return setDraft({ kind: 'failed' });
    saved.current = json;
    setDraft({ kind: 'saved', at: data.savedAt });
  }, [id, schema]);

  // What is typed but not yet saved is saved when the page is left: another screen of the app, or the tab closed.
  useEffect(() => {
    const flush = () => {
      if (timer.current) void saveDraft(true);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [saveDraft]);

  if (!state) return <Loading />;

  const change = (next: FormState) => {
    latest.current = next;
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveDraft(), DRAFT_DELAY_MS);
  };

  const deleteDraft = async () => {
    clearTimeout(timer.current);
    const { response } = await api.DELETE('/tasks/{id}/draft', { params: { path: { id } } });
    if (!response.ok && response.status !== 404) return refusal(response.status);
    saved.current = '';
    latest.current = prefilled;
    setState(prefilled);
    setDraft({ kind: 'deleted' });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clearTimeout(timer.current);
    setGeneral('');
    const local = localErrors(schema, state);
    if (local.length) {
      void saveDraft();
      return setErrors(local);
    }
    const { response, error } = await api.POST('/tasks/{id}/complete', { params: { path: { id } }, body: toValue(schema, state) as never });
    if (response.ok) return navigate(`/dossiers/${task.dossierId}`);
    // Refused: what was typed stays, and is kept as the draft too.
    void saveDraft();
    const problem = error as ApiProblem | undefined;
    const list = (problem?.errors ?? []) as FieldError[];
    setErrors(list);
    const unplaced = list.filter((x) => !(x.path.slice(1) in (schema.properties ?? {})));
    setGeneral(list.length === 0 ? refusal(response.status) : unplaced.map(dutchError).join(' '));
  };

  const extras = Object.fromEntries(computed.map((c) => [c.field, <ComputedAmount key={c.field} item={c} onTakeOver={(text) => change({ ...state, [c.field]: text })} />]));
  const status = draft.kind === 'saving' ? t.task.draftSaving : draft.kind === 'saved' ? savedText(draft.at) : draft.kind === 'failed' ? t.task.draftFailed : draft.kind === 'deleted' ? t.task.draftDeleted : '';

  return (
    <>
      <form aria-label={title} noValidate onSubmit={(e) => void submit(e)} onBlur={() => { if (timer.current) void saveDraft(); }}>
        <SchemaForm schema={schema} state={state} onChange={change} errors={errors} extras={extras} picks={picks} />
        {task.kind === 'competence-check' && <CompetenceExplanation schema={schema} state={state} onTakeOver={change} />}
        <button type="submit">{t.task.complete}</button>
        <p className="error" role="alert">{general}</p>
      </form>
      <p role="status" className="draft-status">{status}</p>
      {/* Also while a newer wording is being saved: the page keeps its height, so a click on Afronden that blurs a
          field (and so saves the draft) is not lost to the page scrolling under the pointer. */}
      {saved.current !== '' && (
        <ConfirmButton label={t.task.draftDelete} question={t.task.draftDeleteQuestion} confirmLabel={t.task.draftDeleteConfirm} onConfirm={deleteDraft} />
      )}
    </>
  );
}

/** "Concept bewaard om 14:32" today; a draft of another day says its date too. */
function savedText(at: string): string {
  const day = (instant: string | Date) => dateTime(instant).split(' om ')[0];
  return day(at) === day(new Date()) ? t.task.draftSaved(timeOfDay(at)) : t.task.draftSavedOn(dateTime(at));
}

/** "Berekend: € 1.314,20 (categorie alleenstaande, bedrag geldig vanaf 1 februari 2025)" and "Overnemen"; or what it needs. */
function ComputedAmount({ item, onTakeOver }: { item: Computed; onTakeOver(text: string): void }) {
  if (item.amountCents === null || item.amountCents === undefined) {
    return <p className="help computed">{item.missing.map((m) => t.task.computedMissing[m] ?? '').filter(Boolean)[0] ?? ''}</p>;
  }
  const amount = item.amountCents;
  return (
    <div className="computed">
      <p>
        {t.task.computed(euro(amount), item.categoryName ?? '', item.validFrom ? dateLong(item.validFrom) : '—')}{' '}
        <button type="button" className="secondary" onClick={() => onTakeOver(euro(amount).slice(2))}>{t.task.takeOver}</button>
      </p>
      {item.explanation && <p className="help">{item.explanation}</p>}
    </div>
  );
}
