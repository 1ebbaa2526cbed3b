import { EntityManager, In } from 'typeorm';
import { decide } from '../../../libs/auth/permissions';
import { DossierEntity, DossierLinkEntity, DossierPersonEntity, PersonEntity } from '../../../libs/db/entities';
import { DOSSIER_LINK_ROLE_LABELS, HOUSEHOLD_ROLE_LABELS, linkRole } from '../../../libs/domain/dossier-relations';
import { isProcedureName, procedureDefinition, statusLabel } from '../../../libs/procedures';
import type { AuthUser } from '../common/current-user';
import { DATE, DATE_TIME, nullable, object, STRING, UUID } from '../common/openapi';

export function dossierLinkView(link: DossierLinkEntity, shownId: string, other: DossierEntity) {
  const role = linkRole(link.kind, link.fromDossierId === shownId);
  return {
    id: link.id,
    kind: link.kind,
    role,
    roleLabel: DOSSIER_LINK_ROLE_LABELS[role],
    reason: link.reason,
    linkKey: link.linkKey,
    createdAt: link.createdAt,
    endedAt: link.endedAt,
    dossier: {
      id: other.id,
      reference: other.reference,
      procedure: other.procedure,
      procedureTitle: isProcedureName(other.procedure) ? procedureDefinition(other.procedure).title : other.procedure,
      status: other.status,
      statusLabel: statusLabel(other.procedure, other.status),
      closedAt: other.closedAt,
    },
  };
}

export const DOSSIER_LINK = object(
  {
    id: UUID,
    kind: { enum: ['opened', 'related'] },
    role: { enum: ['opened', 'opened-by', 'related'], description: 'The part the other dossier plays, seen from this one' },
    roleLabel: { ...STRING, description: 'Dutch' },
    reason: STRING,
    linkKey: { ...nullable(STRING), description: "The opening procedure's business name of the link; null for a link made by hand" },
    createdAt: DATE_TIME,
    endedAt: nullable(DATE_TIME),
    dossier: object(
      { id: UUID, reference: STRING, procedure: STRING, procedureTitle: { ...STRING, description: 'Dutch' }, status: STRING, statusLabel: { ...STRING, description: 'Dutch' }, closedAt: nullable(DATE_TIME) },
      ['id', 'reference', 'procedure', 'procedureTitle', 'status', 'statusLabel'],
    ),
  },
  ['id', 'kind', 'role', 'roleLabel', 'reason', 'createdAt', 'dossier'],
);

/**
 * The dossiers linked to this one, either way round, running links first: only those the reader may read (another
 * team's dossier stays unnamed, as everywhere).
 */
export async function dossierLinks(manager: EntityManager, actor: AuthUser, dossierId: string) {
  const all = await manager.find(DossierLinkEntity, { where: [{ fromDossierId: dossierId }, { toDossierId: dossierId }], order: { createdAt: 'ASC', id: 'ASC' } });
  if (all.length === 0) return [];
  const others = await manager.findBy(DossierEntity, { id: In([...new Set(all.map((l) => (l.fromDossierId === dossierId ? l.toDossierId : l.fromDossierId)))]) });
  const byId = new Map(others.map((d) => [d.id, d]));
  return [...all.filter((l) => !l.endedAt), ...all.filter((l) => l.endedAt)]
    .map((l) => ({ link: l, other: byId.get(l.fromDossierId === dossierId ? l.toDossierId : l.fromDossierId)! }))
    .filter(({ other }) => decide(actor, 'dossier:read', { team: other.team }) === 'allow')
    .map(({ link, other }) => dossierLinkView(link, dossierId, other));
}

export function memberView(m: DossierPersonEntity, person: PersonEntity) {
  return {
    id: m.id,
    person: { id: person.id, firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate },
    role: m.role,
    roleLabel: HOUSEHOLD_ROLE_LABELS[m.role],
    fromDate: m.fromDate,
    toDate: m.toDate,
    createdAt: m.createdAt,
    endedAt: m.endedAt,
  };
}

export const DOSSIER_PERSON = object(
  {
    id: { ...nullable(UUID), description: 'The membership; null for the applicant (the dossier\'s own person)' },
    person: object({ id: UUID, firstName: STRING, lastName: STRING, birthDate: nullable(DATE) }, ['id', 'firstName', 'lastName']),
    role: { enum: ['applicant', 'partner', 'child', 'other-household-member'] },
    roleLabel: { ...STRING, description: 'Dutch' },
    fromDate: DATE,
    toDate: nullable(DATE),
    createdAt: nullable(DATE_TIME),
    endedAt: nullable(DATE_TIME),
  },
  ['id', 'person', 'role', 'roleLabel', 'fromDate'],
);

/** The persons the dossier concerns: its applicant first, then the household members (current ones, then ended). */
export async function dossierPersons(manager: EntityManager, dossier: DossierEntity) {
  const all = await manager.find(DossierPersonEntity, { where: { dossierId: dossier.id }, order: { createdAt: 'ASC', id: 'ASC' } });
  const persons = await manager.findBy(PersonEntity, { id: In([dossier.personId, ...all.map((m) => m.personId)]) });
  const byId = new Map(persons.map((p) => [p.id, p]));
  const applicant = byId.get(dossier.personId)!;
  return [
    {
      id: null,
      person: { id: applicant.id, firstName: applicant.firstName, lastName: applicant.lastName, birthDate: applicant.birthDate },
      role: 'applicant' as const,
      roleLabel: HOUSEHOLD_ROLE_LABELS.applicant,
      fromDate: dossier.requestDate,
      toDate: null,
      createdAt: null,
      endedAt: null,
    },
    ...[...all.filter((m) => !m.endedAt), ...all.filter((m) => m.endedAt)].map((m) => memberView(m, byId.get(m.personId)!)),
  ];
}
