import { EntityManager } from 'typeorm';
import { DossierPartyEntity, NoticeEntity, PartyEntity } from '../../../libs/db/entities';
import { formatEnterpriseNumber, formatIban } from '../../../libs/domain/identifiers';
import { PARTY_KIND_LABELS, PARTY_ROLE_LABELS } from '../../../libs/domain/parties';
import { BOOLEAN, DATE_TIME, nullable, object, STRING, UUID } from '../common/openapi';

export function partyView(p: PartyEntity) {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    kindLabel: PARTY_KIND_LABELS[p.kind],
    enterpriseNumber: p.enterpriseNumber,
    enterpriseNumberFormatted: p.enterpriseNumber ? formatEnterpriseNumber(p.enterpriseNumber) : null,
    iban: p.iban,
    ibanFormatted: p.iban ? formatIban(p.iban) : null,
    address: p.street && p.postalCode && p.city ? { street: p.street, postalCode: p.postalCode, city: p.city, country: p.country } : null,
    email: p.email,
    phone: p.phone,
    contactPerson: p.contactPerson,
    active: p.active,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export const PARTY = object(
  {
    id: UUID,
    name: STRING,
    kind: STRING,
    kindLabel: { ...STRING, description: 'Dutch' },
    enterpriseNumber: { ...nullable(STRING), description: '10 digits' },
    enterpriseNumberFormatted: nullable(STRING),
    iban: nullable(STRING),
    ibanFormatted: nullable(STRING),
    address: nullable(object({ street: STRING, postalCode: STRING, city: STRING, country: STRING }, ['street', 'postalCode', 'city', 'country'])),
    email: nullable(STRING),
    phone: nullable(STRING),
    contactPerson: nullable(STRING),
    active: BOOLEAN,
    createdAt: DATE_TIME,
    updatedAt: DATE_TIME,
  },
  ['id', 'name', 'kind', 'kindLabel', 'active'],
);

export function linkView(link: DossierPartyEntity, party: PartyEntity) {
  return {
    id: link.id,
    dossierId: link.dossierId,
    role: link.role,
    roleLabel: PARTY_ROLE_LABELS[link.role],
    reference: link.reference,
    createdAt: link.createdAt,
    endedAt: link.endedAt,
    party: { id: party.id, name: party.name, kind: party.kind, kindLabel: PARTY_KIND_LABELS[party.kind], active: party.active },
  };
}

export const DOSSIER_PARTY = object(
  {
    id: UUID,
    dossierId: UUID,
    role: STRING,
    roleLabel: { ...STRING, description: 'Dutch' },
    reference: { ...nullable(STRING), description: "The party's own file number for this dossier" },
    createdAt: DATE_TIME,
    endedAt: nullable(DATE_TIME),
    party: object({ id: UUID, name: STRING, kind: STRING, kindLabel: STRING, active: BOOLEAN }, ['id', 'name', 'kind']),
  },
  ['id', 'dossierId', 'role', 'roleLabel', 'party'],
);

/** The dossier's parties, current links first, each with the party's name and kind (shown on the dossier). */
export async function dossierParties(manager: EntityManager, dossierId: string) {
  const all = await manager.find(DossierPartyEntity, { where: { dossierId }, order: { createdAt: 'ASC', id: 'ASC' } });
  const links = [...all.filter((l) => !l.endedAt), ...all.filter((l) => l.endedAt)];
  if (all.length === 0) return [];
  const parties = await manager.createQueryBuilder(PartyEntity, 'p').where('p.id IN (:...ids)', { ids: [...new Set(all.map((l) => l.partyId))] }).getMany();
  const byId = new Map(parties.map((p) => [p.id, p]));
  return links.map((l) => linkView(l, byId.get(l.partyId) as PartyEntity));
}

/** The party a notice is addressed to (null: the client), looked up once for a list of notices. */
export async function noticeRecipientParties(manager: EntityManager, notices: NoticeEntity[]) {
  const ids = [...new Set(notices.map((n) => n.recipientPartyId).filter((id): id is string => id !== null))];
  const parties = ids.length ? await manager.createQueryBuilder(PartyEntity, 'p').where('p.id IN (:...ids)', { ids }).getMany() : [];
  const byId = new Map(parties.map((p) => [p.id, { id: p.id, name: p.name, kind: p.kind, kindLabel: PARTY_KIND_LABELS[p.kind] }]));
  return (n: NoticeEntity) => (n.recipientPartyId ? (byId.get(n.recipientPartyId) ?? null) : null);
}

export const RECIPIENT_PARTY = { ...nullable(object({ id: UUID, name: STRING, kind: STRING, kindLabel: STRING }, ['id', 'name', 'kind'])), description: 'The party the letter is addressed to; null: the client' };
