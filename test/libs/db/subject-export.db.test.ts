import { DataSource } from 'typeorm';
import { collectSubjectExport, EXCLUDED, SECTIONS } from '../../../libs/db/subject-export';
import { migratedAsRoles } from '../../support/database';

/**
 * The data subject's export (GDPR art. 15) against the real, migrated schema, connected as the application role:
 * the schema test fails when a table about people is neither exported nor excluded with a reason; the content test
 * seeds a person with a dossier (and a household member's dossier, a merged duplicate, another person) and checks
 * what comes out and what does not.
 */
describe('the data subject export (db)', () => {
  let app: DataSource;
  let owner: DataSource;

  beforeAll(async () => {
    ({ owner, app } = await migratedAsRoles('subject_export'));
  });
  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
  });

  it('covers every table that refers to a person, directly or through another table, or says why not', async () => {
    const columns: { table_name: string; column_name: string }[] = await owner.query(
      `SELECT table_name, column_name FROM information_schema.columns c
        WHERE table_schema = 'public' AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_name = c.table_name AND t.table_schema = 'public' AND t.table_type = 'BASE TABLE')`,
    );
    const foreignKeys: { from_table: string; to_table: string }[] = await owner.query(
      `SELECT DISTINCT tc.table_name AS from_table, ccu.table_name AS to_table
         FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
    );
    const tables = new Set(columns.map((c) => c.table_name));
    // About a person: persons itself, a person_id / dossier_id / dossier_ids column (audit rows have no foreign key), or
    // a foreign key to a table about a person — to a fixed point.
    const about = new Set<string>(['persons']);
    for (const c of columns) if (['person_id', 'dossier_id', 'dossier_ids'].includes(c.column_name)) about.add(c.table_name);
    for (let grew = true; grew; ) {
      grew = false;
      for (const fk of foreignKeys) {
        if (about.has(fk.to_table) && !about.has(fk.from_table)) {
          about.add(fk.from_table);
          grew = true;
        }
      }
    }
    const covered = new Set([...SECTIONS.map((s) => s.table), ...Object.keys(EXCLUDED)]);
    expect([...about].filter((t) => !covered.has(t)).sort()).toEqual([]);
    // Nothing declared that the schema no longer has, nor twice.
    expect([...covered].filter((t) => !tables.has(t))).toEqual([]);
    expect(SECTIONS.length).toBe(new Set(SECTIONS.map((s) => s.table)).size);
    // The detection itself: the tables reached only through another table are found.
    expect([...about]).toEqual(expect.arrayContaining(['case_note_revisions', 'task_drafts', 'csr_claims', 'audit_chain', 'dossiers', 'reassignments']));
  });

  it("gives the person's records, their dossiers as applicant and as household member, and nothing of another person", async () => {
    const q = (sql: string, params: unknown[] = []) => owner.query(sql, params);
    const person = async (first: string, mergedInto: string | null = null) =>
      (await q(`INSERT INTO persons (id, first_name, last_name, birth_date, no_national_number_reason, street, postal_code, city, merged_into)
           VALUES (gen_random_uuid(), $1, 'Export', '1980-01-01', 'unknown', 'Kerkstraat 1', '9000', 'Gent', $2) RETURNING id`, [first, mergedInto]))[0].id as string;
    const dossier = async (personId: string, reference: string) =>
      (await q(`INSERT INTO dossiers (id, reference, procedure, person_id, status, team, workflow_id, request_date, channel) VALUES (gen_random_uuid(), $1, 'leefloon', $2, 'INQUIRY', 'team-a', $3, '2026-03-02', 'counter') RETURNING id`, [reference, personId, `wf-${reference}`]))[0].id as string;
    const anna = await person('Anna');
    const duplicate = await person('Anna-dubbel', anna);
    const bert = await person('Bert');
    const other = await person('Carla');
    const own = await dossier(anna, 'LL-2026-900001');
    const bertsDossier = await dossier(bert, 'LL-2026-900002');
    const othersDossier = await dossier(other, 'LL-2026-900003');
    await q(`INSERT INTO dossier_persons (id, dossier_id, person_id, role, from_date) VALUES (gen_random_uuid(), $1, $2, 'partner', '2026-03-02')`, [bertsDossier, anna]);
    await q(`INSERT INTO person_identifiers (id, person_id, type, value) VALUES (gen_random_uuid(), $1, 'bis', '99999999999')`, [duplicate]);
    const user = (await q(`INSERT INTO users (id, username, password_hash, display_name, role, team) VALUES (gen_random_uuid(), 'export-sw', 'x', 'Sara Werker', 'social-worker', 'team-a') RETURNING id`))[0].id;
    const note = (await q(`INSERT INTO case_notes (id, dossier_id, author_id, contact_date, kind, text) VALUES (gen_random_uuid(), $1, $2, '2026-03-03', 'home-visit', 'Huisbezoek: woont alleen') RETURNING id`, [own, user]))[0].id;
    await q(`INSERT INTO case_note_revisions (id, note_id, revision, contact_date, kind, text, written_at, replaced_at) VALUES (gen_random_uuid(), $1, 1, '2026-03-03', 'home-visit', 'Eerste versie', now(), now())`, [note]);
    await q(`INSERT INTO case_notes (id, dossier_id, author_id, contact_date, kind, text) VALUES (gen_random_uuid(), $1, $2, '2026-03-03', 'home-visit', 'Notitie van een ander')`, [othersDossier, user]);
    const secret = (await q(`INSERT INTO case_notes (id, dossier_id, author_id, contact_date, kind, text, confidential) VALUES (gen_random_uuid(), $1, $2, '2026-03-04', 'conversation', 'Vertrouwelijk: over de broer', true) RETURNING id`, [own, user]))[0].id;
    await q(`INSERT INTO case_note_revisions (id, note_id, revision, contact_date, kind, text, written_at, replaced_at) VALUES (gen_random_uuid(), $1, 1, '2026-03-04', 'conversation', 'Vertrouwelijk, eerste versie', now(), now())`, [secret]);
    const task = (await q(`INSERT INTO tasks (id, dossier_id, kind, title, status, role, team) VALUES (gen_random_uuid(), $1, 'social-inquiry', 'Sociaal onderzoek', 'open', 'social-worker', 'team-a') RETURNING id`, [own]))[0].id;
    await q(`INSERT INTO task_drafts (task_id, user_id, data) VALUES ($1, $2, '{"notes":"ontwerp"}')`, [task, user]);
    await q(`INSERT INTO payments (id, dossier_id, kind, period, amount_cents, iban, creditor_name, remittance, due_date, status, payment_key) VALUES (gen_random_uuid(), $1, 'monthly', '2026-03', 131420, 'BE68539007547034', 'Anna Export', 'Leefloon maart', '2026-03-05', 'due', 'leefloon:2026-03')`, [own]);
    await q(`INSERT INTO audit_events (actor_id, actor_role, action, dossier_id) VALUES ($1, 'social-worker', 'dossier.read', $2)`, [user, own]);
    await q(`INSERT INTO audit_events (actor_id, actor_role, action, person_id) VALUES ($1, 'social-worker', 'person.read', $2)`, [user, anna]);
    await q(`INSERT INTO audit_events (actor_id, actor_role, action, dossier_id) VALUES ($1, 'social-worker', 'dossier.read', $2)`, [user, othersDossier]);

    const exported = (await collectSubjectExport(app, anna))!;
    expect(exported.personIds.sort()).toEqual([anna, duplicate].sort());
    expect(exported.dossierIds).toEqual([own, bertsDossier].sort());
    const s = exported.sections;
    expect(Object.keys(s).sort()).toEqual(SECTIONS.map((x) => x.table).sort());
    expect(s.persons.map((p) => p.first_name).sort()).toEqual(['Anna', 'Anna-dubbel']);
    expect(s.person_identifiers.map((p) => p.value)).toEqual(['99999999999']);
    expect(Object.fromEntries(s.dossiers.map((d) => [d.reference, d.subject_role]))).toEqual({ 'LL-2026-900001': 'aanvrager', 'LL-2026-900002': 'gezinslid' });
    // The confidential note is named, without its text nor its earlier version.
    expect(s.case_notes.map((n) => [n.text, n.confidential])).toEqual([['Huisbezoek: woont alleen', false], [null, true]]);
    expect(JSON.stringify(s)).not.toContain('Vertrouwelijk');
    expect(s.case_note_revisions.map((n) => n.text)).toEqual(['Eerste versie']);
    expect(s.tasks.map((t) => t.id)).toEqual([task]);
    expect(s.task_drafts.map((t) => t.data)).toEqual([{ notes: 'ontwerp' }]);
    expect(s.payments.map((p) => p.amount_cents)).toEqual([131420]);
    // Who read the file: the read of the dossier and of the person, with the reader's name; not the read of Carla's.
    expect(s.audit_events.map((a) => [a.action, a.actor_name])).toEqual([['dossier.read', 'Sara Werker'], ['person.read', 'Sara Werker']]);
    expect(JSON.stringify(s)).not.toContain('Carla');
    expect(JSON.stringify(s)).not.toContain('Notitie van een ander');

    expect(await collectSubjectExport(app, '7d1c6f0e-1a52-4a7e-9a44-2d3b9f6c8e99')).toBeNull();
  });
});
