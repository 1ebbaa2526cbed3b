import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { OrderPaymentInput } from '../../activities/payments/payment.activities';
import { compareDates, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { addPeriods, firstDayOf, paymentDay, Period } from '../../libs/payments/schedule';
import type { Dossier } from './dossier-runtime';

/**
 * The payments capability as a workflow step, shared by every procedure that pays (monthly aid, budget management):
 * the payments activities are the one place money is ordered, idempotent on the dossier and the payment key.
 */

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Orders one payment through the payments activities (idempotent on dossier, period and kind). A client without an
 * IBAN gets a task to collect one, and the order is made again once it is recorded. A party without an IBAN is the
 * team's to complete: escalated, and false — nothing was ordered, the caller may order it again later.
 */
export async function orderPayment(dossier: Dossier, order: OrderPaymentInput): Promise<boolean> {
  const { dossierId, team, reference } = dossier.input;
  for (;;) {
    const ordered = await dossier.activity(() => acts.orderPayment(order));
    if (!('missingIban' in ordered)) return true;
    if (order.payee) {
      // A party without an IBAN: its record is the team's to complete (PATCH /parties/:id); nothing is paid meanwhile.
      await dossier.activity(() =>
        acts.raiseEscalation({
          dossierId, team, key: `payment:${order.kind}:${order.period}:party-iban`, level: 'breach', at: new Date().toISOString(),
          message: `${reference}: de betaling (${order.period}) aan een partij kan niet: de partij heeft geen rekeningnummer.`,
        }),
      );
      return false;
    }
    const collected = await dossier.task('collect-iban');
    await dossier.activity(() => acts.setPersonIban({ dossierId, iban: collected.iban, by: collected.completedBy }));
  }
}

/**
 * The monthly rhythm of any aid paid by the month (monthly aid, advances on a benefit): waits for each month's payday
 * and has `pay` order that month, until `stop()` holds, the month starts after `endDate`, or `handOver()` answers true
 * after a payment. Returns the first month not paid.
 */
export async function eachPayday(
  dossier: Dossier,
  from: Period,
  options: { payday: number; stop: () => boolean; handOver: () => boolean; endDate?: IsoDate; pay: (period: Period, due: IsoDate) => Promise<void> },
): Promise<{ nextPeriod: Period; handOver: boolean }> {
  let nextPeriod = from;
  const timeZone = dossier.input.settings.timeZone;
  while (!options.stop()) {
    const due = paymentDay(nextPeriod, options.payday);
    if (options.endDate && compareDates(firstDayOf(nextPeriod), options.endDate) > 0) break;
    const woke = await condition(options.stop, Math.max(0, startOfDay(due, timeZone) - Date.now()));
    if (woke) break;
    await options.pay(nextPeriod, due);
    nextPeriod = addPeriods(nextPeriod, 1);
    if (options.handOver()) return { nextPeriod, handOver: true };
  }
  return { nextPeriod, handOver: false };
}
