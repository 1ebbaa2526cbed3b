import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The LOI's places (domain §4): a housing unit with its capacity (Fedasil counts places: one per bed), and its state
 * per day as dated periods — occupied (by a dossier's household, so many places), suspended, out of use; a place on a
 * day without a period is free. The workflow of a resident (loiResidency) occupies, frees and suspends through the
 * activities of activities/loi/places.activities.ts, idempotent on (place, dossier, state, from).
 */
export class LoiPlaces1765160000000 implements MigrationInterface {
  name = 'LoiPlaces1765160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loi_places (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        address text NOT NULL,
        unit text,
        capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 50),
        target text NOT NULL CHECK (target IN ('family', 'single')),
        adapted_for_vulnerable boolean NOT NULL DEFAULT false,
        team text NOT NULL,
        opened_on date NOT NULL,
        notice_on date,
        closes_on date,
        created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE loi_place_periods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        place_id uuid NOT NULL REFERENCES loi_places(id),
        state text NOT NULL CHECK (state IN ('occupied', 'suspended', 'out-of-use')),
        from_date date NOT NULL,
        to_date date,
        dossier_id uuid REFERENCES dossiers(id),
        persons int NOT NULL DEFAULT 0 CHECK (persons >= 0),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_date IS NULL OR to_date >= from_date),
        CHECK (state <> 'occupied' OR (dossier_id IS NOT NULL AND persons > 0)),
        UNIQUE NULLS NOT DISTINCT (place_id, dossier_id, state, from_date))`);
    await q.query(`CREATE INDEX loi_place_periods_place ON loi_place_periods (place_id, from_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE loi_place_periods`);
    await q.query(`DROP TABLE loi_places`);
  }
}
