import type { Activities } from '../../activities';
import { PlanDeadlineInput, planWithEngine } from '../../activities/deadlines/deadline.activities';
import type { ScheduledItem, ScheduleItemInput } from '../../activities/council/council.activities';
import { pickSession, regularSessions } from '../../libs/council/sessions';
import { addDays } from '../../libs/deadlines/calendar-date';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';

/** The default house rules: a session every Tuesday, agenda closing 8 days before. */
const RULES = { rhythm: 'weekly' as const, weekday: 2, weekOfMonth: 2, anchorDate: '2026-01-06', noticeDays: 8 };

type Call = { name: keyof Activities; input: any };

/** In-memory activities for workflow tests: they record every call, as the read model would see it. */
export function fakeActivities() {
  const calls: Call[] = [];
  const scheduledItems: ScheduledItem[] = [];
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
    // The real session calendar and agenda pick (pure code), in memory.
    scheduleAgendaItem: async (input: ScheduleItemInput) => {
      calls.push({ name: 'scheduleAgendaItem', input });
      const from = input.after && input.after >= input.today ? addDays(input.after, 1) : input.today;
      const pick = pickSession(regularSessions(RULES, from, addDays(from, 60)), input.today, input.decisionDue)!;
      const item = {
        itemId: `item-${input.key}-${calls.length}`,
        meetingId: `meeting-${pick.session.date}`,
        sessionDate: pick.session.date,
        time: '19:00',
        place: 'Raadzaal',
        cutoffDate: pick.session.cutoffDate,
        urgent: pick.urgent,
      };
      scheduledItems.push(item);
      return item;
    },
  };
  return {
    activities,
    calls,
    scheduled: () => scheduledItems,
    of: (name: keyof Activities) => calls.filter((c) => c.name === name).map((c) => c.input),
    openTasks: () => {
      const completed = new Set(calls.filter((c) => c.name === 'recordTaskCompletion').map((c) => c.input.taskId));
      return calls.filter((c) => c.name === 'openTask' && !completed.has(c.input.taskId)).map((c) => c.input);
    },
  };
}
