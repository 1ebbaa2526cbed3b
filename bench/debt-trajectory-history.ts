import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { completeTaskUpdate, dossierStateQuery } from '../workflows/shared/dossier.messages';
import { budgetPlanChangedUpdate } from '../workflows/debt-mediation/trajectory.messages';
import type { TrajectoryInput } from '../workflows/debt-mediation/trajectory.workflow';
import type { BudgetPlan } from '../libs/domain/budget-plan';
import { addDays, addMonths, compareDates, dateInZone, startOfDay } from '../libs/deadlines/calendar-date';
import { addPeriods, addWeeks, isoWeekOf, monthlyDueDay, periodOf, weeklyPaymentDay } from '../libs/payments/schedule';
import { findTemporalBinary } from '../libs/infra/temporal-dev-server';

/**
 * Benchmark: the history a managed debt mediation trajectory writes in a year — weekly living money, the rent and five
 * creditors' monthly instalments, the evaluations every three months, the creditor letters with their windows — on the
 * real time-skipping Temporal test server, with in-process activities that answer at once (the history counts, not the
 * database). Printed: history events per yearly run and per payment, runs (continue-as-new), and the same figures of a
 * bare-Temporal baseline that makes the same payments in the same process (a timer and one activity per payment).
 *   npm run build && node dist/bench/debt-trajectory-history.js [years=1]
 */
const TZ = 'Europe/Brussels';
const CREDITORS = 5;

async function main() {
  const years = Number(process.argv[2] ?? 1);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: findTemporalBinary('temporal-test-server') } } });
  try {
    const today = () => env.currentTimeMs().then((ms) => dateInZone(ms, TZ));
    const payments = new Set<string>();
    const tasks: { taskId: string; kind: string }[] = [];
    const done = new Set<string>();
    const creditorIds = Array.from({ length: CREDITORS }, () => randomUUID());
    // The activities the trajectory calls, answering at once like the real ones would (ids and keys kept).
    const answer = (name: string) => async (input: any): Promise<unknown> => {
        switch (name) {
          case 'dossierSettings': return { warningDays: 7, leefgeldWeekday: 1, evaluationMonths: 3, creditorAnswerDays: 21 };
          case 'orderPayment': {
            const key = `${input.kind}:${input.payee?.partyId ?? 'client'}:${input.period}:${input.debtRef ?? ''}`;
            const created = !payments.has(key);
            payments.add(key);
            return { paymentId: key, created, status: 'due' };
          }
          case 'budgetAccountBalance': return { iban: 'BE71096123456769', incomingCents: 1e9, otherOutgoingCents: 0, orderedCents: 0, balanceCents: 1e9 };
          case 'debtCreditors': return creditorIds.map((partyId, i) => ({ debtId: `00000000-0000-4000-8000-00000000000${i}`, partyId, role: 'creditor', fileNumber: `DOS-${i}`, outstandingCents: 100_000, disputed: false, priorityKind: null }));
          case 'openTask': tasks.push({ taskId: input.taskId, kind: input.kind }); return undefined;
          case 'recordCreditorLetter': return { status: input.status };
          case 'issueLetter': return { noticeId: randomUUID() };
          default: return undefined;
        }
      };
    // Every activity the trajectory may call (a worker registers an object's own functions).
    const NAMES = ['dossierSettings', 'recordDossierEvent', 'issueLetter', 'openTask', 'recordTaskCompletion', 'cancelTask', 'raiseEscalation', 'orderPayment',
      'budgetAccountBalance', 'debtCreditors', 'recordCreditorLetter', 'recordCollectiveSettlement', 'planDeadline', 'setDeadlineStatus', 'setPersonIban',
      'scheduleAgendaItem', 'recordCouncilDecision', 'recordNotice'];
    const activities = Object.fromEntries(NAMES.map((name) => [name, answer(name)]));
    const bundle = await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '../workflows/index.js'), logger: quietLogger });
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'bench-trajectory', workflowBundle: bundle, activities });

    const figures = await worker.runUntil(async () => {
      const signedOn = await today();
      const dossier = { dossierId: randomUUID(), reference: 'SB-2026-000001', procedure: 'debt-mediation', team: 'demo', responsibleUserId: randomUUID(), requestDate: addDays(signedOn, -30), channel: 'counter', settings: { warningDays: 7, timeZone: TZ } };
      const input: TrajectoryInput = {
        dossier, guidanceType: 'budget-management', durationMonths: 12 * years + 12, decisionDate: addDays(signedOn, -2),
        agreement: { signedOn, endDate: addDays(addMonths(signedOn, 12 * years + 12).date, -1) }, year: 1, plans: [], nextWeek: null,
        nextMonth: null, monthDoneThrough: null, nextEvaluation: null,
      };
      const plan: BudgetPlan = {
        version: 1, validFrom: signedOn, account: { name: 'OCMW Demo budgetbeheer', iban: 'BE71096123456769', bic: 'GKCCBEBB' }, leefgeldWeeklyCents: 12_500,
        fixedCosts: [{ key: 'rent', partyId: randomUUID(), label: 'Huur', amountCents: 65_000, dueDay: 1 }],
        instalments: creditorIds.map((partyId, i) => ({ debtId: `00000000-0000-4000-8000-00000000000${i}`, partyId, debtRef: `DOS-${i}`, amountCents: 2_500, dueDay: 5 + 5 * i })),
        reserveMonthlyCents: 0,
      };
      const handle = await env.client.workflow.start('debtMediationTrajectory', { args: [input], taskQueue: 'bench-trajectory', workflowId: `dossier-${dossier.dossierId}` });
      await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ plan, changedBy: 'bench' }] });
      for (let day = 0; day < 365 * years; day += 30) {
        await env.sleep('30 days');
        for (const t of tasks.filter((x) => !done.has(x.taskId))) {
          done.add(t.taskId);
          const now = await today();
          const outcome = t.kind === 'debt-evaluation' ? { interviewDate: now, proposal: 'continue', report: 'Loopt.' } : { action: 'called', note: 'Gebeld.' };
          await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: t.taskId, userId: 'bench', userRole: 'social-worker', outcome }] });
        }
      }
      await handle.query(dossierStateQuery);
      // Every run of the chain, from the first: its history length (a run that continued as new names the next).
      const runs: number[] = [];
      for (let runId: string | undefined = handle.firstExecutionRunId; runId; ) {
        const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
        runs.push(history.events?.length ?? 0);
        runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
      }
      await handle.terminate('bench done');
      return { runs, payments: payments.size };
    });

    // The baseline: the same payments of the same year, bare.
    const baselineBundle = await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, 'support/baseline.workflow.js'), logger: quietLogger });
    const baseWorker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'bench-baseline', workflowBundle: baselineBundle, activities: { pay: async () => undefined } });
    const baseline = await baseWorker.runUntil(async () => {
      const start = await env.currentTimeMs();
      const from = dateInZone(start, TZ);
      const until = addDays(addMonths(from, 12 * years).date, -1);
      const due: { key: string; day: string; atMs: number }[] = [];
      for (let w = isoWeekOf(from); compareDates(weeklyPaymentDay(w, 1), until) <= 0; w = addWeeks(w, 1)) due.push({ key: `leefgeld:${w}`, day: weeklyPaymentDay(w, 1), atMs: 0 });
      for (let m = periodOf(from); compareDates(`${m}-01`, until) <= 0; m = addPeriods(m, 1)) {
        for (const d of [1, 5, 10, 15, 20, 25]) due.push({ key: `monthly:${m}:${d}`, day: monthlyDueDay(m, d), atMs: 0 });
      }
      const inYear = due.filter((d) => compareDates(d.day, from) >= 0 && compareDates(d.day, until) <= 0).sort((a, b) => compareDates(a.day, b.day));
      for (const d of inYear) d.atMs = Math.max(0, startOfDay(d.day, TZ) - start);
      const handle = await env.client.workflow.start('paymentsBaseline', { args: [{ dueInMs: inYear }], taskQueue: 'bench-baseline', workflowId: `baseline-${randomUUID()}` });
      await handle.result();
      return { events: (await handle.describe()).historyLength, payments: inYear.length };
    });

    const total = figures.runs.reduce((a, b) => a + b, 0);
    console.log(`ocmw-flow benchmark: history of a managed debt mediation trajectory, ${years} year(s), weekly living money, rent and ${CREDITORS} creditors`);
    console.log(`  trajectory: ${total} history events in ${figures.runs.length} run(s) (${figures.runs.join(' + ')}), ${figures.payments} payments ordered`);
    console.log(`    per year ${(total / years).toFixed(0)} events; per payment ${(total / figures.payments).toFixed(1)} events; largest run ${Math.max(...figures.runs)} events`);
    console.log(`  baseline (bare Temporal, a timer and an activity per payment): ${baseline.events} events for ${baseline.payments} payments, ${(baseline.events / baseline.payments).toFixed(1)} per payment`);
    console.log(`  ratio trajectory / baseline: ${(total / years / baseline.events).toFixed(2)}x events per year`);
  } finally {
    await env.teardown();
  }
}

const quietLogger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m), log: () => undefined };

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
