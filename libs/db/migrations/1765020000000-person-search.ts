import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding a client by name, tolerant of accents and typos: `unaccent` and `pg_trgm` (both shipped with PostgreSQL), an
 * immutable unaccenting function (the index needs one; the dictionary is named with its schema so it does not depend on
 * the search_path) and a trigram index on the unaccented, lower-case full name.
 */
export class PersonSearch1765020000000 implements MigrationInterface {
  name = 'PersonSearch1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await q.query(`CREATE FUNCTION public.ocmw_search_name(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    await q.query(`CREATE INDEX persons_search_name ON persons
      USING gin (public.ocmw_search_name(first_name || ' ' || last_name) public.gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX persons_search_name`);
    await q.query(`DROP FUNCTION public.ocmw_search_name(text)`);
  }
}
