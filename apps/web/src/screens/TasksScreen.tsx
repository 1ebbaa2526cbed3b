import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Page } from '../components/Page';
import { dateLong, daysLeft, plural } from '../format';
import { t } from '../i18n';
import { useCatalogue } from '../procedures';

type TaskList = paths['/tasks']['get']['responses']['200']['content']['application/json'];

const riskClass = (d: number | null) => (d === null ? undefined : d < 0 ? 'risk-late' : d <= 7 ? 'risk-soon' : undefined);

/** Mijn taken: the team's tasks, most urgent first, with the client and the days left. */
export function TasksScreen() {
  const catalogue = useCatalogue();
  const [tasks, setTasks] = useState<TaskList | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void api.GET('/tasks', { params: { query: { pageSize: '500' } } }).then(({ data }) => (data ? setTasks(data) : setFailed(true)));
  }, []);

  if (failed) return <Page title={t.tasks.title}><p role="alert">{t.errors.generic}</p></Page>;
  if (!tasks || !catalogue) return <Page title={t.tasks.title}><Loading /></Page>;
  return (
    <Page title={t.tasks.title}>
      {tasks.items.length === 0 ? (
        <p>{t.tasks.none}</p>
      ) : (
        <table>
          <caption>{t.tasks.caption(plural(tasks.total, t.tasks.one, t.tasks.many))}</caption>
          <thead>
            <tr>
              {t.tasks.columns.map((h) => (
                <th key={h} scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tasks.items.map((task) => {
              // Days left only for a task still to be done: a finished one has no deadline to watch.
              const todo = task.status === 'open' || task.status === 'claimed';
              const d = todo && task.dueDate ? daysLeft(task.dueDate) : null;
              return (
                <tr key={task.id} className={riskClass(d)}>
                  <td><Link to={`/taken/${task.id}`}>{catalogue.taskTitle(task)}</Link></td>
                  <td><Link to={`/dossiers/${task.dossierId}`}>{task.dossierReference}</Link></td>
                  <td>{task.clientName}</td>
                  <td>{task.dueDate ? dateLong(task.dueDate) : '—'}</td>
                  <td>{d === null ? '—' : t.tasks.daysLeft(d)}</td>
                  <td>{t.tasks.status[task.status] ?? task.status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
