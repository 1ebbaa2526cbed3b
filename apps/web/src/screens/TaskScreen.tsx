import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type ApiProblem } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { type FieldError, type FormState, dutchError, initialState, localErrors, type ObjectSchema, SchemaForm, toValue } from '../components/SchemaForm';
import { dateLong } from '../format';
import { t } from '../i18n';
import { useCatalogue } from '../procedures';

type Task = paths['/tasks/{id}']['get']['responses']['200']['content']['application/json'];

/** A refusal without field errors (403, 404, 409, …) in Dutch. */
export function refusal(status: number): string {
  return status === 403 ? t.refusal[403] : status === 404 ? t.refusal[404] : status === 409 ? t.refusal[409] : t.refusal.other;
}

/** A task: the form generated from its outcome schema; the server's errors in Dutch next to their fields, input kept. */
export function TaskScreen() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const catalogue = useCatalogue();
  const [task, setTask] = useState<Task | null>(null);
  const [missing, setMissing] = useState(false);
  const [state, setState] = useState<FormState>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [general, setGeneral] = useState('');

  useEffect(() => {
    void api.GET('/tasks/{id}', { params: { path: { id } } }).then(({ data }) => {
      if (!data) return setMissing(true);
      setTask(data);
      setState(initialState(data.outcomeSchema as ObjectSchema, (data.outcome ?? {}) as Record<string, unknown>));
    });
  }, [id]);

  if (missing) return <Page title={t.task.notFound}><p>{t.refusal[404]}</p></Page>;
  if (!task || !catalogue) return <Page title={t.app.loading}><Loading /></Page>;
  const schema = task.outcomeSchema as ObjectSchema;
  const title = catalogue.taskTitle({ kind: task.kind ?? '', title: task.title ?? '' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral('');
    const local = localErrors(schema, state);
    if (local.length) return setErrors(local);
    const { response, error } = await api.POST('/tasks/{id}/complete', { params: { path: { id } }, body: toValue(schema, state) as never });
    if (response.ok) return navigate(`/dossiers/${task.dossierId}`);
    const problem = error as ApiProblem | undefined;
    const list = (problem?.errors ?? []) as FieldError[];
    setErrors(list);
    const unplaced = list.filter((x) => !(x.path.slice(1) in (schema.properties ?? {})));
    setGeneral(list.length === 0 ? refusal(response.status) : unplaced.map(dutchError).join(' '));
  };

  return (
    <Page title={title}>
      <p>
        <Link to={`/dossiers/${task.dossierId}`}>{task.dossierReference}</Link>
        {` · ${task.clientName ?? ''} · ${t.task.due(task.dueDate ? dateLong(task.dueDate) : '—')}`}
      </p>
      <form aria-label={title} noValidate onSubmit={(e) => void submit(e)}>
        <SchemaForm schema={schema} state={state} onChange={setState} errors={errors} />
        <button type="submit">{t.task.complete}</button>
        <p className="error" role="alert">{general}</p>
      </form>
    </Page>
  );
}
