import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { audit, SYSTEM } from '../../libs/db/audit';
import type { IsoDate } from '../../libs/deadlines/calendar-date';

/** Failure types of the places activities: not worth retrying (the workflow escalates them, the dossier goes on). */
export const PLACE_FAILURES = { unknown: 'PlaceUnknown', full: 'PlaceFull' } as const;

export interface OccupyPlaceInput {
  placeId: string;
  dossierId: string;
  from: IsoDate;
  /** The household's size: it takes so many of the unit's places (beds). */
  persons: number;
}

export interface ReleasePlaceInput {
  placeId: string;
  dossierId: string;
  /** The last day the household occupied it (the departure day). */
  on: IsoDate;
}

export interface SuspendPlaceInput {
  placeId: string;
  dossierId?: string;
  from: IsoDate;
  to?: IsoDate;
  reason: string;
}

export interface PlaceOccupantsInput {
  placeId: string;
  /** The place's last day (LOI-7): who still occupies it after that day? */
  after: IsoDate;
}

const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * The LOI places as a resident's workflow changes them (libs/db/migrations/1765160000000-loi-places.ts): each call
 * idempotent on (place, dossier, state, from) — run again after a crash, it changes nothing.
 */
export function createPlaceActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * The households still housed in the place after `after` (an occupation without an end, or ending later): a place
     * that closes (LOI-7) must be empty after its last day. Counts only: no name passes the history.
     */
    async loiPlaceOccupants(input: PlaceOccupantsInput): Promise<{ households: number; persons: number }> {
      const [row] = await dataSource.query(
        `SELECT count(DISTINCT dossier_id)::int AS households, COALESCE(sum(persons), 0)::int AS persons FROM loi_place_periods
          WHERE place_id = $1 AND state = 'occupied' AND (to_date IS NULL OR to_date > $2::date)`,
        [input.placeId, input.after],
      );
      return { households: row.households, persons: row.persons };
    },
    /** From `from` on, the household takes `persons` places of the unit; more than its free capacity that day is refused. */
    async occupyPlace(input: OccupyPlaceInput): Promise<{ created: boolean }> {
      return dataSource.transaction(async (tx) => {
        const [place] = await tx.query(`SELECT id, capacity FROM loi_places WHERE id = $1 FOR UPDATE`, [input.placeId]);
        if (!place) throw refuse(PLACE_FAILURES.unknown, `no LOI place ${input.placeId}`);
        const [mine] = await tx.query(`SELECT 1 FROM loi_place_periods WHERE place_id = $1 AND dossier_id = $2 AND state = 'occupied' AND from_date = $3`, [input.placeId, input.dossierId, input.from]);
        if (mine) return { created: false };
        const [{ taken }] = await tx.query(
          `SELECT coalesce(sum(persons), 0)::int AS taken FROM loi_place_periods
            WHERE place_id = $1 AND state = 'occupied' AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)`,
          [input.placeId, input.from],
        );
        if (taken + input.persons > place.capacity) {
          throw refuse(PLACE_FAILURES.full, `the place has ${place.capacity - taken} of ${place.capacity} places free on ${input.from}, not ${input.persons}`);
        }
        await tx.query(
          `INSERT INTO loi_place_periods (place_id, state, from_date, dossier_id, persons) VALUES ($1, 'occupied', $2, $3, $4)`,
          [input.placeId, input.from, input.dossierId, input.persons],
        );
        await audit(tx, SYSTEM, 'loi-place.occupied', { dossierId: input.dossierId, details: { placeId: input.placeId, from: input.from, persons: input.persons } });
        return { created: true };
      });
    },

    /** The household's occupation ends on its departure day (the place is free from the day after). */
    async releasePlace(input: ReleasePlaceInput): Promise<{ released: boolean }> {
      return dataSource.transaction(async (tx) => {
        const [, count]: [unknown, number] = await tx.query(
          `UPDATE loi_place_periods SET to_date = GREATEST(from_date, $3::date)
            WHERE place_id = $1 AND dossier_id = $2 AND state = 'occupied' AND to_date IS NULL`,
          [input.placeId, input.dossierId, input.on],
        );
        if (count > 0) await audit(tx, SYSTEM, 'loi-place.released', { dossierId: input.dossierId, details: { placeId: input.placeId, on: input.on } });
        return { released: count > 0 };
      });
    },

    /** A suspended period (LOI-3: a departure declared late; or by the coordinator): the claim counts it as such. */
    async suspendPlace(input: SuspendPlaceInput): Promise<{ created: boolean }> {
      return dataSource.transaction(async (tx) => {
        const rows = await tx.query(
          `INSERT INTO loi_place_periods (place_id, state, from_date, to_date, dossier_id, reason) VALUES ($1, 'suspended', $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING id`,
          [input.placeId, input.from, input.to ?? null, input.dossierId ?? null, input.reason],
        );
        if (rows.length > 0) await audit(tx, SYSTEM, 'loi-place.suspended', { dossierId: input.dossierId ?? null, details: { placeId: input.placeId, from: input.from, to: input.to ?? null } });
        return { created: rows.length > 0 };
      });
    },
  };
}
