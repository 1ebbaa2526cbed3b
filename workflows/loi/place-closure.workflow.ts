import { condition, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { loiPlaceClosureSubject } from '../../libs/procedures/loi';
import { DeadlineClock } from '../shared/deadline-clock';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export interface LoiPlaceClosureArgs {
  placeId: string;
  /** The place's code (LOI-03): the clock's subject and key, a business name that never changes. */
  code: string;
  team: string;
  /** The day notice was given to Fedasil (the trigger of LOI-7). */
  noticeOn: IsoDate;
  timeZone: string;
  warningDays: number;
}

export interface LoiPlaceClosureResult {
  closesOn: IsoDate;
  status: string;
  /** The day the place was found empty (its last day when on time). */
  emptyOn: IsoDate;
}

/** Hours before the end of a day at which the place is looked at (after the day's departures are recorded). */
const CHECK_HOURS_BEFORE_MIDNIGHT = 2;


/**
 * LOI-7: the OCMW closes a place of its LOI with six months' notice under the Fedasil convention. A clock of the OCMW
 * itself, without a dossier (as DEBT-1): the deadline engine computes the last day from the notice, the team lead is
 * warned before it and the clock is on the dashboard with the place as its subject. It is met when the place is empty
 * after its last day — nobody housed beyond it; otherwise it is breached (escalated) and met late on the first evening
 * the place is found empty. Started by POST /loi/places/:id/closure through the outbox (one workflow per place).
 */
export async function loiPlaceClosure(args: LoiPlaceClosureArgs): Promise<LoiPlaceClosureResult> {
  const subject = loiPlaceClosureSubject(args.code);
  const clock = await DeadlineClock.start(
    { dossierId: null, reference: subject, subject, team: args.team, warningDays: args.warningDays, timeZone: args.timeZone, call: (fn) => fn() },
    `loi-place-closure:${args.code}`,
    'LOI-7',
    args.noticeOn,
  );
  const closesOn = clock.dueDate()!;
  for (let day = closesOn; ; day = addDays(day, 1)) {
    const checkAt = startOfDay(addDays(day, 1), args.timeZone) - CHECK_HOURS_BEFORE_MIDNIGHT * 3_600_000;
    await sleep(Math.max(1, checkAt - Date.now()));
    const occupants = await acts.loiPlaceOccupants({ placeId: args.placeId, after: closesOn });
    if (occupants.households === 0) {
      await clock.met(day);
      await condition(() => clock.isClosed());
      return { closesOn, status: clock.status(), emptyOn: day };
    }
    // Still housed after the last day: the clock breaches at midnight and escalates to the team lead (the dashboard
    // names the place); the next evening is looked at again, until the place is empty (met late).
  }
}
