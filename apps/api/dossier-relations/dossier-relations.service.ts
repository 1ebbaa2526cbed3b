import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, DossierLinkEntity, DossierPersonEntity, PersonEntity } from '../../../libs/db/entities';
import { addToTimeline } from '../../../libs/db/timeline';
import { HOUSEHOLD_ROLE_LABELS, MemberRole } from '../../../libs/domain/dossier-relations';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../../libs/format/dutch';
import { procedureDefinition } from '../../../libs/procedures';
import type { Action } from '../../../libs/auth/permissions';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { dossierLinks, dossierLinkView, dossierPersons, memberView } from './relation-view';

export interface NewDossierLink {
  dossierId: string;
  reason: string;
}

export interface NewMember {
  personId: string;
  role: MemberRole;
  fromDate?: string;
}

/**
 * Links between dossiers (those a procedure opened, and those a social worker makes by hand between dossiers of
 * related persons) and the household persons of a dossier. Every change is in both timelines it touches and audited.
 */
@Injectable()
export class DossierRelationsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async listLinks(actor: AuthUser, id: string) {
    authorize(actor, 'dossier:read');
    return this.dataSource.transaction(async (tx) => {
      await this.dossierFor(tx, actor, id, 'dossier:read');
      const items = await dossierLinks(tx, actor, id);
      return { items, total: items.length };
    });
  }

  /** Links two related dossiers by hand (a partner's, a parent's): one running link between two dossiers. */
  async link(actor: AuthUser, id: string, input: NewDossierLink) {
    authorize(actor, 'dossier:link');
    if (input.dossierId === id) throw new ValidationError([{ path: '/dossierId', code: 'same-dossier', message: 'a dossier cannot be linked to itself' }]);
    return this.dataSource.transaction(async (tx) => {
      const from = await this.dossierFor(tx, actor, id, 'dossier:link');
      const to = await this.dossierFor(tx, actor, input.dossierId, 'dossier:link', 'Linked dossier');
      const [a, b] = [from.id, to.id].sort();
      // Two links made at once between the same dossiers: the second waits here and then finds the first.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dossier-link-pair:${a}:${b}`]);
      const running = await tx
        .createQueryBuilder(DossierLinkEntity, 'l')
        .where('l.ended_at IS NULL AND ((l.from_dossier_id = :a AND l.to_dossier_id = :b) OR (l.from_dossier_id = :b AND l.to_dossier_id = :a))', { a, b })
        .getOne();
      if (running) throw conflict(`Dossier ${to.reference} is already linked to this dossier`, { existingId: running.id });
      const link = await tx.save(tx.create(DossierLinkEntity, { fromDossierId: from.id, toDossierId: to.id, kind: 'related', linkKey: null, reason: input.reason.trim(), createdBy: actor.id }));
      await this.recordOnBoth(tx, actor, link, from, to, 'linked', (other) => `Gekoppeld aan dossier ${other.reference}, ${procedureDefinition(other.procedure).title}: ${link.reason}`);
      return dossierLinkView(link, from.id, to);
    });
  }

  /** Ends a link made by hand; it stays on both dossiers with its end. A link a procedure made is part of both files. */
  async endLink(actor: AuthUser, id: string, linkId: string) {
    authorize(actor, 'dossier:link');
    return this.dataSource.transaction(async (tx) => {
      const shown = await this.dossierFor(tx, actor, id, 'dossier:link');
      const link = await tx.findOne(DossierLinkEntity, { where: [{ id: linkId, fromDossierId: id }, { id: linkId, toDossierId: id }], lock: { mode: 'pessimistic_write' } });
      if (!link) throw notFound('Link');
      if (link.kind !== 'related') throw conflict('A dossier opened by another stays linked to it', { code: 'opened-link' });
      if (link.endedAt) throw conflict('This link has already ended', { endedAt: link.endedAt });
      const otherId = link.fromDossierId === id ? link.toDossierId : link.fromDossierId;
      const other = await tx.findOneByOrFail(DossierEntity, { id: otherId });
      await tx.update(DossierLinkEntity, { id: link.id }, { endedAt: new Date(), endedBy: actor.id });
      const ended = await tx.findOneByOrFail(DossierLinkEntity, { id: link.id });
      await this.recordOnBoth(tx, actor, ended, shown, other, 'unlinked', (o) => `Koppeling met dossier ${o.reference}, ${procedureDefinition(o.procedure).title}, beëindigd`);
      return dossierLinkView(ended, id, other);
    });
  }

  async listPersons(actor: AuthUser, id: string) {
    authorize(actor, 'dossier:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await this.dossierFor(tx, actor, id, 'dossier:read');
      const items = await dossierPersons(tx, dossier);
      await audit(tx, actor, 'dossier.persons-read', { dossierId: id, personId: dossier.personId });
      return { items, total: items.length };
    });
  }

  /** A household member in a role, from a date (default today); the applicant is the dossier's own person. */
  async addPerson(actor: AuthUser, id: string, input: NewMember) {
    authorize(actor, 'dossier:household');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await this.dossierFor(tx, actor, id, 'dossier:household');
      if (!procedureDefinition(dossier.procedure).household) {
        throw conflict(`A ${dossier.procedure} dossier concerns its applicant only`, { code: 'no-household' });
      }
      // Share-locked: a merge of this person at this moment (it locks both records for update) is waited for, and its
      // result seen, so no membership is added to a record merged away meanwhile.
      const person = await tx.findOne(PersonEntity, { where: { id: input.personId }, lock: { mode: 'pessimistic_read' } });
      if (!person) throw notFound('Person');
      if (person.mergedInto) throw conflict('This person record was merged into another: add the person kept', { mergedInto: person.mergedInto });
      if (person.id === dossier.personId) throw conflict('This person is the applicant of the dossier', { code: 'applicant' });
      // Added twice at once in the same role: the second waits here and then finds the first.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dossier-person:${id}:${person.id}:${input.role}`]);
      const running = await tx.findOneBy(DossierPersonEntity, { dossierId: id, personId: person.id, role: input.role, endedAt: IsNull() });
      if (running) throw conflict(`${person.firstName} ${person.lastName} is already in this dossier as ${input.role}`, { existingId: running.id });
      const fromDate = input.fromDate ?? todayIn(this.config.timeZone);
      const member = await tx.save(tx.create(DossierPersonEntity, { dossierId: id, personId: person.id, role: input.role, fromDate, createdBy: actor.id }));
      await addToTimeline(tx, {
        dossierId: id,
        key: `person:${member.id}:added`,
        at: new Date(),
        type: 'household',
        description: `${person.firstName} ${person.lastName} toegevoegd als ${HOUSEHOLD_ROLE_LABELS[input.role].toLowerCase()} (vanaf ${formatDateNl(fromDate)})`,
        data: { membershipId: member.id, personId: person.id, role: input.role },
      });
      await audit(tx, actor, 'dossier.person-added', { dossierId: id, personId: person.id, details: { membershipId: member.id, role: input.role, fromDate } });
      return memberView(member, person);
    });
  }

  /** Ends a membership (DELETE): it stays with its end date, as the history of who belonged to the household. */
  async endPerson(actor: AuthUser, id: string, membershipId: string, input: { toDate?: string }) {
    authorize(actor, 'dossier:household');
    return this.dataSource.transaction(async (tx) => {
      await this.dossierFor(tx, actor, id, 'dossier:household');
      const member = await tx.findOne(DossierPersonEntity, { where: { id: membershipId, dossierId: id }, lock: { mode: 'pessimistic_write' } });
      if (!member) throw notFound('Household member');
      if (member.endedAt) throw conflict('This membership has already ended', { endedAt: member.endedAt });
      const toDate = input.toDate ?? todayIn(this.config.timeZone);
      if (toDate < member.fromDate) throw new ValidationError([{ path: '/toDate', code: 'before-start', message: `must not be before the start of the membership (${member.fromDate})` }]);
      const person = await tx.findOneByOrFail(PersonEntity, { id: member.personId });
      await tx.update(DossierPersonEntity, { id: member.id }, { toDate, endedAt: new Date(), endedBy: actor.id });
      const ended = await tx.findOneByOrFail(DossierPersonEntity, { id: member.id });
      await addToTimeline(tx, {
        dossierId: id,
        key: `person:${member.id}:ended`,
        at: new Date(),
        type: 'household',
        description: `${person.firstName} ${person.lastName} niet langer ${HOUSEHOLD_ROLE_LABELS[member.role].toLowerCase()} in dit dossier (tot ${formatDateNl(toDate)})`,
        data: { membershipId: member.id, personId: person.id, role: member.role },
      });
      await audit(tx, actor, 'dossier.person-ended', { dossierId: id, personId: person.id, details: { membershipId: member.id, role: member.role, toDate } });
      return memberView(ended, person);
    });
  }

  private async recordOnBoth(
    tx: EntityManager,
    actor: AuthUser,
    link: DossierLinkEntity,
    one: DossierEntity,
    other: DossierEntity,
    what: 'linked' | 'unlinked',
    describe: (other: DossierEntity) => string,
  ) {
    const at = new Date();
    const details = { linkId: link.id, kind: link.kind, fromDossierId: link.fromDossierId, toDossierId: link.toDossierId, reason: link.reason };
    for (const [shown, seen] of [[one, other], [other, one]] as const) {
      await addToTimeline(tx, { dossierId: shown.id, key: `link:${link.id}:${what}`, at, type: `dossier-${what}`, description: describe(seen), data: { linkId: link.id, dossierId: seen.id } });
      await audit(tx, actor, `dossier.${what}`, { dossierId: shown.id, personId: shown.personId, details });
    }
  }

  private async dossierFor(tx: EntityManager, actor: AuthUser, id: string, action: Action, what = 'Dossier') {
    const dossier = await tx.findOneBy(DossierEntity, { id });
    if (!dossier) throw notFound(what);
    authorize(actor, action, { team: dossier.team }, what);
    return dossier;
  }
}
