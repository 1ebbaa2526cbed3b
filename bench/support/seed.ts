import { Client } from 'pg';
import { todayIn } from '../../libs/deadlines/calendar-date';

/**
 * n persons with one open leefloon dossier each, in team demo, written straight into the read model. SQL expressions
 * in `i` (1…n) choose each dossier's social worker (a username) and how many days ago its request came in.
 */
export async function seedDossiers(db: Client, n: number, options: { username: string; daysAgo: string }): Promise<void> {
  await db.query(
    `INSERT INTO persons (national_number, first_name, last_name, street, postal_code, city)
     SELECT lpad(i::text, 11, '0'), 'Bench', 'Client ' || i, 'Markt 1', '9000', 'Gent' FROM generate_series(1, $1) i`,
    [n],
  );
  await db.query(
    `INSERT INTO dossiers (id, reference, procedure, person_id, status, team, responsible_user_id, workflow_id, request_date, channel)
     SELECT gen_random_uuid(), 'LL-2026-' || lpad(i::text, 6, '0'), 'leefloon', p.id, 'INQUIRY', 'demo',
            (SELECT id FROM users WHERE username = ${options.username}), 'bench-' || i, $2::date - (${options.daysAgo}), 'counter'
       FROM generate_series(1, $1) i JOIN persons p ON p.national_number = lpad(i::text, 11, '0')`,
    [n, todayIn('Europe/Brussels')],
  );
}
