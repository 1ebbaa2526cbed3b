import { EntityManager, In } from 'typeorm';
import { decide } from '../../../libs/auth/permissions';
import { DossierEntity, DossierPersonEntity, PersonEntity } from '../../../libs/db/entities';
import { HOUSEHOLD_ROLE_LABELS } from '../../../libs/domain/dossier-relations';
import { isProcedureName, procedureDefinition, statusLabel } from '../../../libs/procedures';
import type { AuthUser } from '../common/current-user';
import { arrayOf, DATE, DATE_TIME, nullable, object, STRING, UUID } from '../common/openapi';

const procedureTitle = (procedure: string) => (isProcedureName(procedure) ? procedureDefinition(procedure).title : procedure);

export const PERSON_DOSSIER = object(
  {
    id: UUID,
    reference: STRING,
    procedure: STRING,
    procedureTitle: { ...STRING, description: 'Dutch' },
    status: STRING,
    statusLabel: { ...STRING, description: 'Dutch' },
    requestDate: DATE,
    openedAt: DATE_TIME,
    closedAt: nullable(DATE_TIME),
  },
  ['id', 'reference', 'procedure', 'procedureTitle', 'status', 'statusLabel', 'openedAt'],
);

export const HOUSEHOLD_MEMBER = object(
  {
    person: object({ id: UUID, firstName: STRING, lastName: STRING, birthDate: nullable(DATE) }, ['id', 'firstName', 'lastName']),
    role: { enum: ['applicant', 'partner', 'child', 'other-household-member'], description: "The other person's role: a member of this person's dossier, or the applicant of a dossier this person is a member of" },
    roleLabel: { ...STRING, description: 'Dutch' },
    dossierId: UUID,
    dossierReference: STRING,
  },
  ['person', 'role', 'roleLabel', 'dossierId', 'dossierReference'],
);

export const PERSON_PAGE_PARTS = { household: arrayOf(HOUSEHOLD_MEMBER), dossiers: arrayOf(PERSON_DOSSIER) };

/**
 * What the person page adds to the person: every dossier of the person the caller may read (newest first; another
 * team's dossiers stay unnamed, as everywhere), and the household — the running members of those dossiers and the
 * applicants of the readable dossiers the person is a running member of — each person once.
 */
export async function personPage(tx: EntityManager, actor: AuthUser, personId: string, today: string) {
  const readable = (d: DossierEntity) => decide(actor, 'dossier:read', { team: d.team }) === 'allow';
  const own = (await tx.find(DossierEntity, { where: { personId }, order: { openedAt: 'DESC', id: 'ASC' } })).filter(readable);
  const running = (m: DossierPersonEntity) => !m.endedAt && (!m.toDate || m.toDate >= today);
  const members = own.length ? (await tx.find(DossierPersonEntity, { where: { dossierId: In(own.map((d) => d.id)) }, order: { createdAt: 'ASC', id: 'ASC' } })).filter(running) : [];
  const memberships = (await tx.find(DossierPersonEntity, { where: { personId }, order: { createdAt: 'ASC', id: 'ASC' } })).filter(running);
  const theirs = memberships.length ? (await tx.findBy(DossierEntity, { id: In(memberships.map((m) => m.dossierId)) })).filter(readable) : [];
  const dossierById = new Map([...own, ...theirs].map((d) => [d.id, d]));
  const entries = [
    ...members.map((m) => ({ personId: m.personId, role: m.role, dossier: dossierById.get(m.dossierId)! })),
    ...memberships.filter((m) => dossierById.has(m.dossierId)).map((m) => ({ personId: dossierById.get(m.dossierId)!.personId, role: 'applicant' as const, dossier: dossierById.get(m.dossierId)! })),
  ].filter((e) => e.personId !== personId);
  const persons = entries.length ? await tx.findBy(PersonEntity, { id: In([...new Set(entries.map((e) => e.personId))]) }) : [];
  const byId = new Map(persons.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const household = entries
    .filter((e) => !seen.has(e.personId) && seen.add(e.personId))
    .map((e) => {
      const p = byId.get(e.personId)!;
      return {
        person: { id: p.id, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate },
        role: e.role,
        roleLabel: HOUSEHOLD_ROLE_LABELS[e.role],
        dossierId: e.dossier.id,
        dossierReference: e.dossier.reference,
      };
    });
  const dossiers = own.map((d) => ({
    id: d.id,
    reference: d.reference,
    procedure: d.procedure,
    procedureTitle: procedureTitle(d.procedure),
    status: d.status,
    statusLabel: statusLabel(d.procedure, d.status),
    requestDate: d.requestDate,
    openedAt: d.openedAt,
    closedAt: d.closedAt,
  }));
  return { household, dossiers };
}
