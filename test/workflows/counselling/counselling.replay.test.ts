import * as path from 'node:path';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { counsellingDossier } from '../../../workflows/counselling/counselling.workflow';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running counselling dossiers survive code changes: every stored history (test/workflows/counselling/histories/)
 * replays on the current code, each run of the dossier. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest
 * counselling.replay` records the current version.
 */
const DIR = path.join(__dirname, 'histories');

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<void | 'terminate'>> = {
  // v1: the intake, the goals, two appointments, the evaluation continuing (a new run), one more appointment, the
  // second evaluation closing it, the closure.
  guidance: async ({ complete, today, env }) => {
    await complete('counselling-intake', { heldOn: today, mainConcern: 'isolation', situation: 'Woont alleen.', guidance: 'start' });
    await complete('counselling-goals', { agreedOn: today, goals: 'Dienstencentrum.', evaluationEveryMonths: 1, firstAppointmentOn: addDays(today, 7) });
    await env.sleep('8 days');
    await complete('counselling-appointment', { result: 'held', note: 'Goed.', nextAppointmentOn: addDays(todayInBrussels(await env.currentTimeMs()), 7) });
    await env.sleep('8 days');
    await complete('counselling-appointment', { result: 'no-show', note: 'Niet gekomen.' });
    await env.sleep('20 days');
    await complete('counselling-evaluation', { progress: 'progress', decision: 'continue', note: 'Vooruitgang.', nextAppointmentOn: addDays(todayInBrussels(await env.currentTimeMs()), 5) });
    await env.sleep('6 days');
    await complete('counselling-appointment', { result: 'held', note: 'Zelfstandiger.' });
    await env.sleep('30 days');
    await complete('counselling-evaluation', { progress: 'reached', decision: 'close', note: 'Bereikt.' });
    await complete('counselling-closure', { reason: 'goals-reached', report: 'Doelen bereikt.' });
  },
  // v1: the client stops while an appointment is open.
  stopped: async ({ complete, today, env, event }) => {
    await complete('counselling-intake', { heldOn: today, mainConcern: 'family', situation: 'Conflicten.', guidance: 'start' });
    await complete('counselling-goals', { agreedOn: today, goals: 'Rust.', evaluationEveryMonths: 3, firstAppointmentOn: addDays(today, 7) });
    await env.sleep('8 days');
    await event('counselling-stopped-by-client', todayInBrussels(await env.currentTimeMs()), { reason: 'Wil niet meer.' });
    await complete('counselling-closure', { reason: 'client-stopped', report: 'Gestopt.' });
  },
};

describe('counsellingDossier replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'counselling', next: 'follow-up', workflow: counsellingDossier, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ procedure: 'counselling', reference: 'PB-2026-000001', requestDate }),
  });
  replayStoredHistories(DIR);
});
