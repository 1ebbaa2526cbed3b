import type { Activities } from '../../activities';
import { PlanDeadlineInput, planWithEngine } from '../../activities/deadlines/deadline.activities';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';

type Call = { name: keyof Activities; input: any };

/** In-memory activities for workflow tests: they record every call, as the read model would see it. */
export function fakeActivities() {
  const calls: Call[] = [];
  const record = (name: keyof Activities) => async (input: unknown) => {
    calls.push({ name, input });
  };
  const activities: Activities = {
    recordDossierEvent: record('recordDossierEvent'),
    openTask: record('openTask'),
    recordTaskCompletion: record('recordTaskCompletion'),
    cancelTask: record('cancelTask'),
    startDeadline: record('startDeadline'),
    // The real engine and catalogue (pure code): the workflow's timers follow real due dates.
    planDeadline: async (input: PlanDeadlineInput) => {
      calls.push({ name: 'planDeadline', input });
      return planWithEngine(DEFAULT_CATALOGUE, input);
    },
    setDeadlineStatus: record('setDeadlineStatus'),
    raiseEscalation: record('raiseEscalation'),
    recordNotice: record('recordNotice'),
  };
  return {
    activities,
    calls,
    of: (name: keyof Activities) => calls.filter((c) => c.name === name).map((c) => c.input),
    openTasks: () => {
      const completed = new Set(calls.filter((c) => c.name === 'recordTaskCompletion').map((c) => c.input.taskId));
      return calls.filter((c) => c.name === 'openTask' && !completed.has(c.input.taskId)).map((c) => c.input);
    },
  };
}
