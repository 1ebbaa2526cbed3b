import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A private person in the party registry (a maintenance debtor) is personal data, not an organisation every team may
 * look up (issue 16): such a party gets the team that registered it, and is seen only by that team, by the teams of
 * the dossiers it is linked to, and by the admin (apps/api/parties/parties.service.ts). Existing private persons take
 * the team of the dossier they were first linked to; one never linked keeps none (the admin only).
 */
export class PrivatePartyTeam1765230000000 implements MigrationInterface {
  name = 'PrivatePartyTeam1765230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties ADD COLUMN team text`);
    await q.query(
      `UPDATE parties p SET team = (SELECT d.team FROM dossier_parties dp JOIN dossiers d ON d.id = dp.dossier_id
                                      WHERE dp.party_id = p.id ORDER BY dp.created_at, dp.id LIMIT 1)
        WHERE p.kind = 'private-person'`,
    );
    await q.query(`CREATE INDEX parties_private_team ON parties (team) WHERE kind = 'private-person'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX parties_private_team`);
    await q.query(`ALTER TABLE parties DROP COLUMN team`);
  }
}
