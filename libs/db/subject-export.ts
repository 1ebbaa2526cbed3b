import type { DataSource, EntityManager } from 'typeorm';

/**
 * What the OCMW keeps about one person, for the data subject's right of access (GDPR art. 15; art. 15(4) and the
 * OCMW's professional secrecy, art. 50 OCMW-wet / art. 458 Sw., leave it to the DPO to hold back what would reveal
 * someone else: the export marks, per dossier, whether the person is its applicant or a household member).
 *
 * Every table of the schema that holds something about a person — a foreign key to `persons`, or to a table that does,
 * or a `person_id` / `dossier_id` column without one — is either a section below or in EXCLUDED with the reason.
 * test/libs/db/subject-export.db.test.ts reads the schema and fails on a table in neither: a new table about people
 * cannot be forgotten here.
 *
 * The queries take $1 = the person's ids (the person and the records merged into it) and $2 = their dossiers' ids
 * (as applicant or household member); they run in one read-only transaction, so the sections agree with each other.
 */
export interface ExportSection {
  /** The table the section comes from (the schema test matches it). */
  table: string;
  /** The section's Dutch title in the export's reading guide. */
  title: string;
  sql: string;
}

const D = '$2::uuid[]';

export const SECTIONS: readonly ExportSection[] = [
  { table: 'persons', title: 'Persoonsgegevens (ook samengevoegde dubbele registraties)', sql: `SELECT * FROM persons WHERE id = ANY($1::uuid[]) ORDER BY created_at` },
  { table: 'person_identifiers', title: 'Identificatienummers', sql: `SELECT * FROM person_identifiers WHERE person_id = ANY($1::uuid[]) ORDER BY created_at` },
  {
    table: 'dossiers',
    title: 'Dossiers (als aanvrager of als lid van het gezin)',
    sql: `SELECT d.*, CASE WHEN d.person_id = ANY($1::uuid[]) THEN 'aanvrager' ELSE 'gezinslid' END AS subject_role
            FROM dossiers d WHERE d.id = ANY(${D}) ORDER BY d.opened_at`,
  },
  { table: 'dossier_persons', title: 'Samenstelling van het gezin in de dossiers', sql: `SELECT * FROM dossier_persons WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  {
    table: 'dossier_parties',
    title: 'Betrokken partijen (schuldeisers, diensten, onderhoudsplichtigen)',
    sql: `SELECT dp.*, p.name AS party_name, p.kind AS party_kind FROM dossier_parties dp JOIN parties p ON p.id = dp.party_id
           WHERE dp.dossier_id = ANY(${D}) ORDER BY dp.created_at`,
  },
  { table: 'dossier_links', title: 'Verbonden dossiers', sql: `SELECT * FROM dossier_links WHERE from_dossier_id = ANY(${D}) OR to_dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'dossier_events', title: 'Tijdlijn van de dossiers', sql: `SELECT * FROM dossier_events WHERE dossier_id = ANY(${D}) ORDER BY at` },
  { table: 'external_events', title: 'Ontvangen meldingen en gebeurtenissen', sql: `SELECT * FROM external_events WHERE dossier_id = ANY(${D}) ORDER BY recorded_at` },
  { table: 'tasks', title: 'Taken en hun uitkomst', sql: `SELECT * FROM tasks WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'task_drafts', title: 'Bewaarde ontwerpen van taken', sql: `SELECT td.* FROM task_drafts td JOIN tasks t ON t.id = td.task_id WHERE t.dossier_id = ANY(${D}) ORDER BY td.saved_at` },
  { table: 'deadlines', title: 'Wettelijke termijnen', sql: `SELECT * FROM deadlines WHERE dossier_id = ANY(${D}) ORDER BY due_date` },
  { table: 'escalations', title: 'Escalaties van termijnen', sql: `SELECT * FROM escalations WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  // A confidential note is only for its author, the responsible social worker and the team lead (README, case notes):
  // the export names it (date, kind, author) without its text, which the DPO asks of the team lead.
  {
    table: 'case_notes',
    title: 'Dossiernotities (van een vertrouwelijke notitie alleen datum, soort en auteur)',
    sql: `SELECT id, dossier_id, author_id, contact_date, kind, CASE WHEN confidential THEN NULL ELSE text END AS text, confidential, created_at, updated_at, revision
            FROM case_notes WHERE dossier_id = ANY(${D}) ORDER BY contact_date, created_at`,
  },
  {
    table: 'case_note_revisions',
    title: 'Vorige versies van dossiernotities (niet van vertrouwelijke)',
    sql: `SELECT r.* FROM case_note_revisions r JOIN case_notes n ON n.id = r.note_id WHERE n.dossier_id = ANY(${D}) AND NOT n.confidential ORDER BY r.written_at`,
  },
  {
    table: 'notices',
    title: 'Brieven en berichten (de pdf-bestanden in de map brieven/)',
    sql: `SELECT id, dossier_id, key, kind, recipient, recipient_party_id, channel, due_date, sent_at, content, proof, created_at, document,
                 delivery_mode, tracking_number, posted_on, notified_on, appeal_until, reminder_of, answered_at, pdf IS NOT NULL AS has_pdf
            FROM notices WHERE dossier_id = ANY(${D}) ORDER BY created_at`,
  },
  { table: 'partner_messages', title: 'Formulieren aan partners (POD MI, Fedasil, ...)', sql: `SELECT * FROM partner_messages WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'agenda_items', title: 'Agendapunten en beslissingen van het BCSD', sql: `SELECT * FROM agenda_items WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'payments', title: 'Betalingen', sql: `SELECT * FROM payments WHERE dossier_id = ANY(${D}) ORDER BY due_date, created_at` },
  { table: 'budget_plans', title: 'Budgetplannen', sql: `SELECT * FROM budget_plans WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'budget_account_movements', title: 'Verrichtingen op de budgetrekening', sql: `SELECT * FROM budget_account_movements WHERE dossier_id = ANY(${D}) ORDER BY booking_date` },
  { table: 'dossier_incomes', title: 'Inkomsten', sql: `SELECT * FROM dossier_incomes WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'dossier_expenses', title: 'Uitgaven', sql: `SELECT * FROM dossier_expenses WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'dossier_debts', title: 'Schulden', sql: `SELECT * FROM dossier_debts WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'creditor_letters', title: 'Briefwisseling met schuldeisers', sql: `SELECT * FROM creditor_letters WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  { table: 'csr_files', title: 'Collectieve schuldenregeling', sql: `SELECT * FROM csr_files WHERE dossier_id = ANY(${D})` },
  { table: 'csr_claims', title: 'Schuldvorderingen in de collectieve schuldenregeling', sql: `SELECT * FROM csr_claims WHERE dossier_id = ANY(${D}) ORDER BY declared_on` },
  { table: 'referrals', title: 'Doorverwijzingen', sql: `SELECT * FROM referrals WHERE dossier_id = ANY(${D}) ORDER BY referred_on` },
  { table: 'loi_place_periods', title: 'Verblijf in het lokaal opvanginitiatief', sql: `SELECT * FROM loi_place_periods WHERE dossier_id = ANY(${D}) ORDER BY from_date` },
  {
    table: 'documents',
    title: 'Documenten (de bestanden in de map documenten/; verwijderde zonder bestand)',
    sql: `SELECT * FROM documents WHERE dossier_id = ANY(${D}) OR person_id = ANY($1::uuid[]) ORDER BY uploaded_at`,
  },
  { table: 'workflow_outbox', title: 'Berichten van de toepassing aan de lopende procedures', sql: `SELECT * FROM workflow_outbox WHERE dossier_id = ANY(${D}) ORDER BY created_at` },
  {
    table: 'reassignments',
    title: 'Overdrachten van het werk bij afwezigheid die de dossiers raakten',
    sql: `SELECT * FROM reassignments WHERE dossier_ids && ${D} ORDER BY created_at`,
  },
  {
    table: 'audit_events',
    title: 'Wie het dossier las of wijzigde (audittrail)',
    sql: `SELECT a.id, a.at, a.actor_id, u.display_name AS actor_name, a.actor_role, a.action, a.dossier_id, a.person_id, a.details
            FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
           WHERE a.person_id = ANY($1::uuid[]) OR a.dossier_id = ANY(${D}) ORDER BY a.id`,
  },
];

/** Tables that refer to people (or to a table that does) and are not exported, with the reason. */
export const EXCLUDED: Readonly<Record<string, string>> = {
  audit_chain: 'hashes of audit events only (the tamper evidence), no content',
  audit_pending: 'ids of audit events not yet linked into the chain, no content',
};

export interface SubjectExport {
  personIds: string[];
  dossierIds: string[];
  sections: Record<string, Record<string, unknown>[]>;
}

/**
 * Everything kept about the person `personId` (and the records merged into it), per section; null when there is no
 * such person. Runs in one REPEATABLE READ, READ ONLY transaction.
 */
export async function collectSubjectExport(dataSource: DataSource, personId: string): Promise<SubjectExport | null> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    const persons: { id: string }[] = await manager.query(
      `WITH RECURSIVE merged(id) AS (
         SELECT id FROM persons WHERE id = $1
         UNION SELECT p.id FROM persons p JOIN merged m ON p.merged_into = m.id
       ) SELECT id FROM merged`,
      [personId],
    );
    if (persons.length === 0) return null;
    const personIds = persons.map((p) => p.id);
    const dossierIds = await dossiersOf(manager, personIds);
    const sections: Record<string, Record<string, unknown>[]> = {};
    // Both parameters typed in every statement, whichever of them the section uses.
    const typed = 'WITH subject AS (SELECT $1::uuid[] AS persons, $2::uuid[] AS dossiers) ';
    for (const section of SECTIONS) sections[section.table] = await manager.query(typed + section.sql, [personIds, dossierIds]);
    return { personIds, dossierIds, sections };
  });
}

async function dossiersOf(manager: EntityManager, personIds: string[]): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM dossiers WHERE person_id = ANY($1::uuid[])
     UNION SELECT dossier_id FROM dossier_persons WHERE person_id = ANY($1::uuid[])`,
    [personIds],
  );
  return rows.map((r) => r.id).sort();
}
