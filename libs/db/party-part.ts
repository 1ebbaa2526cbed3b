import type { EntityManager } from 'typeorm';
import { DossierPartyEntity } from './entities';

/**
 * A party takes part in a dossier: linked to it (the link not ended), or the creditor, bailiff or collection agency of
 * a debt in its budget inventory. A letter to a party (issueLetter) and a request for one (POST …/creditor-letters)
 * go only to such a party.
 */
export async function partyTakesPart(manager: EntityManager, dossierId: string, partyId: string): Promise<boolean> {
  const linked = await manager.createQueryBuilder(DossierPartyEntity, 'l')
    .where('l.dossier_id = :d AND l.party_id = :p AND l.ended_at IS NULL', { d: dossierId, p: partyId }).getExists();
  if (linked) return true;
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM dossier_debts WHERE dossier_id = $1 AND (creditor_party_id = $2 OR collector_party_id = $2) LIMIT 1`, [dossierId, partyId],
  );
  return rows.length > 0;
}
