import { proxyActivities, sleep } from '@temporalio/workflow';

const acts = proxyActivities<{ pay(input: { key: string; day: string }): Promise<void> }>({ startToCloseTimeout: '1 minute' });

/**
 * Bare-Temporal baseline for bench/debt-trajectory-history.ts: the same payments as a managed trajectory's year (one
 * per due day, given as offsets in ms from the start), each a timer then one activity — nothing else.
 */
export async function paymentsBaseline(input: { dueInMs: { key: string; day: string; atMs: number }[] }): Promise<number> {
  const start = Date.now();
  for (const due of input.dueInMs) {
    const wait = start + due.atMs - Date.now();
    if (wait > 0) await sleep(wait);
    await acts.pay({ key: due.key, day: due.day });
  }
  return input.dueInMs.length;
}
