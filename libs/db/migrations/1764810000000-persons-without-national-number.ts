import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Persons without a national number yet (an applicant for international protection before a BIS number): the national
 * number becomes optional, with the reason why it is missing (required then) and a birth date (required then); other
 * identifiers with their type; a duplicate record merged into the one kept (`merged_into`, never deleted).
 */
export class PersonsWithoutNationalNumber1764810000000 implements MigrationInterface {
  name = 'PersonsWithoutNationalNumber1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE persons ALTER COLUMN national_number DROP NOT NULL`);
    await q.query(`ALTER TABLE persons
      ADD COLUMN no_national_number_reason text
        CHECK (no_national_number_reason IN ('bis-requested','international-protection-applicant','foreign-resident','unknown')),
      ADD COLUMN no_national_number_note text,
      ADD COLUMN merged_into uuid REFERENCES persons(id),
      ADD COLUMN merged_at timestamptz,
      ADD CONSTRAINT persons_national_number_or_reason
        CHECK (merged_into IS NOT NULL OR (national_number IS NULL) = (no_national_number_reason IS NOT NULL)),
      ADD CONSTRAINT persons_birth_date_without_national_number CHECK (merged_into IS NOT NULL OR national_number IS NOT NULL OR birth_date IS NOT NULL),
      ADD CONSTRAINT persons_not_merged_into_itself CHECK (merged_into IS NULL OR merged_into <> id)`);
    await q.query(`CREATE INDEX persons_birth_date ON persons (birth_date) WHERE merged_into IS NULL`);
    await q.query(`CREATE TABLE person_identifiers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      type text NOT NULL CHECK (type IN ('fedasil-ov','bis','passport','other')),
      value text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (type, value))`);
    await q.query(`CREATE INDEX person_identifiers_person ON person_identifiers (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_identifiers`);
    await q.query(`DROP INDEX persons_birth_date`);
    await q.query(`ALTER TABLE persons
      DROP CONSTRAINT persons_not_merged_into_itself,
      DROP CONSTRAINT persons_birth_date_without_national_number,
      DROP CONSTRAINT persons_national_number_or_reason,
      DROP COLUMN merged_at,
      DROP COLUMN merged_into,
      DROP COLUMN no_national_number_note,
      DROP COLUMN no_national_number_reason`);
    // Fails, as it should, while a person without a national number exists: no data is thrown away by a rollback.
    await q.query(`ALTER TABLE persons ALTER COLUMN national_number SET NOT NULL`);
  }
}
