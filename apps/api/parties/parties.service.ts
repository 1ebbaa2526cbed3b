import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, DossierPartyEntity, PartyEntity } from '../../../libs/db/entities';
import { addToTimeline } from '../../../libs/db/timeline';
import { normalizeEnterpriseNumber, normalizeIban } from '../../../libs/domain/identifiers';
import { PARTY_ROLE_LABELS, PartyKind, PartyRole, roleMismatch } from '../../../libs/domain/parties';
import { scopeOf } from '../../../libs/auth/permissions';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { dossierParties, linkView, partyView } from './party-view';

export interface PartyAddress {
  street: string;
  postalCode: string;
  city: string;
  country?: string;
}

export interface NewParty {
  name: string;
  kind: PartyKind;
  enterpriseNumber?: string;
  iban?: string;
  address?: PartyAddress;
  email?: string;
  phone?: string;
  contactPerson?: string;
}

/** A change: any field; null clears an optional one. */
export type PartyChange = { [K in keyof NewParty]?: NewParty[K] | null } & { active?: boolean };

export interface PartyQuery {
  kind?: PartyKind;
  q?: string;
  active?: 'true' | 'false';
  page?: string;
  pageSize?: string;
}

export interface NewLink {
  partyId: string;
  role: PartyRole;
  reference?: string;
}

type PartyColumns = Omit<PartyEntity, 'id' | 'createdAt' | 'updatedAt' | 'active' | 'country'> & { country?: string };

/** The columns a request sets, normalised (compact enterprise number and IBAN, trimmed texts). */
function columns(input: PartyChange): Partial<PartyColumns> {
  const out: Partial<PartyColumns> = {};
  const text = (v: string | null | undefined) => (v === null || v === undefined ? null : v.trim());
  if (input.name !== undefined) out.name = (input.name as string).trim();
  if (input.kind !== undefined) out.kind = input.kind as PartyKind;
  if (input.enterpriseNumber !== undefined) out.enterpriseNumber = input.enterpriseNumber === null ? null : normalizeEnterpriseNumber(input.enterpriseNumber);
  if (input.iban !== undefined) out.iban = input.iban === null ? null : normalizeIban(input.iban);
  if (input.address !== undefined) {
    out.street = text(input.address?.street);
    out.postalCode = text(input.address?.postalCode);
    out.city = text(input.address?.city);
    out.country = input.address?.country ?? 'BE';
  }
  if (input.email !== undefined) out.email = text(input.email);
  if (input.phone !== undefined) out.phone = text(input.phone);
  if (input.contactPerson !== undefined) out.contactPerson = text(input.contactPerson);
  return out;
}

/**
 * Who sees a party: an organisation, everyone with party:read; a private person (a maintenance debtor: personal data,
 * issue 16) only the team that registered it, the teams of the dossiers it is linked to (ended links included: the
 * file keeps its history), and the admin. To everyone else it does not exist (404, absent from the search).
 */
const VISIBLE = `(p.kind <> 'private-person' OR :everyTeam OR p.team = :team
  OR EXISTS (SELECT 1 FROM dossier_parties vp JOIN dossiers vd ON vd.id = vp.dossier_id WHERE vp.party_id = p.id AND vd.team = :team))`;
const visibleTo = (actor: AuthUser) => ({ everyTeam: scopeOf(actor.role, 'dossier:read') === 'all', team: actor.team });

@Injectable()
export class PartiesService {
  constructor(private readonly dataSource: DataSource) {}

  /** The party if `actor` may see it (VISIBLE), else 404; `lock` takes it for an update. */
  private async visibleParty(manager: EntityManager, actor: AuthUser, id: string, lock = false): Promise<PartyEntity> {
    const qb = manager.createQueryBuilder(PartyEntity, 'p').where('p.id = :id', { id }).andWhere(VISIBLE, visibleTo(actor));
    const party = await (lock ? qb.setLock('pessimistic_write') : qb).getOne();
    if (!party) throw notFound('Party');
    return party;
  }

  async create(actor: AuthUser, input: NewParty) {
    authorize(actor, 'party:manage');
    const values = columns(input);
    return this.dataSource.transaction(async (tx) => {
      await this.lockEnterpriseNumber(tx, values.enterpriseNumber);
      await this.refuseDuplicate(tx, values.enterpriseNumber);
      const party = await tx.save(tx.create(PartyEntity, { ...values, team: values.kind === 'private-person' ? actor.team : null }));
      await audit(tx, actor, 'party.created', { details: { partyId: party.id, kind: party.kind } });
      return partyView(party);
    });
  }

  async update(actor: AuthUser, id: string, change: PartyChange) {
    authorize(actor, 'party:manage');
    const values = { ...columns(change), ...(change.active !== undefined ? { active: change.active } : {}) };
    return this.dataSource.transaction(async (tx) => {
      const party = await this.visibleParty(tx, actor, id, true);
      if (values.kind && values.kind !== party.kind) await this.refuseKindChange(tx, party, values.kind);
      // Becoming a private person, it becomes the team's that said so (unless it had one).
      if (values.kind === 'private-person' && !party.team) Object.assign(values, { team: actor.team });
      if (values.enterpriseNumber && values.enterpriseNumber !== party.enterpriseNumber) {
        await this.lockEnterpriseNumber(tx, values.enterpriseNumber);
        await this.refuseDuplicate(tx, values.enterpriseNumber, id);
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, to] of Object.entries(values)) {
        const from = party[key as keyof PartyEntity];
        if (from !== to) changes[key] = { from, to };
      }
      if (Object.keys(changes).length === 0) return partyView(party);
      await tx.update(PartyEntity, { id }, values);
      // What a party's record said matters later (an IBAN changed before a payment): the trail keeps both values.
      await audit(tx, actor, 'party.updated', { details: { partyId: id, changes } });
      return partyView(await tx.findOneByOrFail(PartyEntity, { id }));
    });
  }

  async get(actor: AuthUser, id: string) {
    authorize(actor, 'party:read');
    return partyView(await this.visibleParty(this.dataSource.manager, actor, id));
  }

  /** Search by name (any part, any case) or enterprise number (with or without dots), paged like the other lists. */
  async list(actor: AuthUser, query: PartyQuery) {
    authorize(actor, 'party:read');
    const page = Number(query.page ?? 1);
    const pageSize = Number(query.pageSize ?? 50);
    const qb = this.dataSource.createQueryBuilder(PartyEntity, 'p').where(VISIBLE, visibleTo(actor));
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.active) qb.andWhere('p.active = :active', { active: query.active === 'true' });
    const q = query.q?.trim();
    if (q) {
      const digits = normalizeEnterpriseNumber(q);
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(/^\d{3,10}$/.test(digits) ? '(p.name ILIKE :like OR p.enterprise_number LIKE :number)' : 'p.name ILIKE :like', { like, number: `${digits}%` });
    }
    const [parties, total] = await qb.orderBy('lower(p.name)', 'ASC').addOrderBy('p.id', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: parties.map(partyView), total, page, pageSize };
  }

  async listForDossier(actor: AuthUser, dossierId: string) {
    authorize(actor, 'dossier:read');
    return this.dataSource.transaction(async (tx) => {
      await this.dossierFor(tx, actor, dossierId, 'dossier:read');
      const items = await dossierParties(tx, dossierId);
      return { items, total: items.length };
    });
  }

  /**
   * Links a party to the dossier in a role, with the party's own file number for it. The same party in the same role
   * is one link: while it runs, linking again is 409 with its id; an ended link is taken up again.
   */
  async link(actor: AuthUser, dossierId: string, input: NewLink) {
    authorize(actor, 'party:link');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await this.dossierFor(tx, actor, dossierId, 'party:link');
      const party = await this.visibleParty(tx, actor, input.partyId);
      if (!party.active) throw new ValidationError([{ path: '/partyId', code: 'inactive', message: 'the party is no longer active' }]);
      const mismatch = roleMismatch(input.role, party.kind);
      if (mismatch) throw new ValidationError([{ path: '/role', code: 'party-kind', message: mismatch }]);
      // Two links made at once for the same (dossier, party, role): the unique key lets one in, the other waits here.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`dossier-party:${dossierId}:${party.id}:${input.role}`]);
      const existing = await tx.findOneBy(DossierPartyEntity, { dossierId, partyId: party.id, role: input.role });
      if (existing && !existing.endedAt) {
        throw conflict(`${party.name} is already linked to this dossier as ${input.role}`, { existingId: existing.id });
      }
      const reference = input.reference?.trim() || null;
      let link: DossierPartyEntity;
      if (existing) {
        await tx.update(DossierPartyEntity, { id: existing.id }, { endedAt: null, endedBy: null, reference: reference ?? existing.reference });
        link = await tx.findOneByOrFail(DossierPartyEntity, { id: existing.id });
      } else {
        link = await tx.save(tx.create(DossierPartyEntity, { dossierId, partyId: party.id, role: input.role, reference, createdBy: actor.id }));
      }
      const label = PARTY_ROLE_LABELS[input.role].toLowerCase();
      await addToTimeline(tx, {
        dossierId,
        key: `party:${link.id}:linked:${Date.now()}`,
        at: new Date(),
        type: 'party',
        description: `${party.name} gekoppeld als ${label}${reference ? ` (hun kenmerk ${reference})` : ''}`,
        data: { linkId: link.id, partyId: party.id, role: input.role },
      });
      await audit(tx, actor, existing ? 'dossier.party-relinked' : 'dossier.party-linked', {
        dossierId,
        personId: dossier.personId,
        details: { linkId: link.id, partyId: party.id, role: input.role, reference },
      });
      return linkView(link, party);
    });
  }

  /** Ends the link (DELETE): it stays on the dossier with its end date, as the history of who was involved. */
  async endLink(actor: AuthUser, dossierId: string, linkId: string) {
    authorize(actor, 'party:link');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await this.dossierFor(tx, actor, dossierId, 'party:link');
      const link = await tx.findOne(DossierPartyEntity, { where: { id: linkId, dossierId }, lock: { mode: 'pessimistic_write' } });
      if (!link) throw notFound('Link');
      const party = await tx.findOneByOrFail(PartyEntity, { id: link.partyId });
      if (link.endedAt) throw conflict('This link has already ended', { endedAt: link.endedAt });
      await tx.update(DossierPartyEntity, { id: linkId }, { endedAt: new Date(), endedBy: actor.id });
      const ended = await tx.findOneByOrFail(DossierPartyEntity, { id: linkId });
      await addToTimeline(tx, {
        dossierId,
        key: `party:${linkId}:ended:${ended.endedAt!.getTime()}`,
        at: ended.endedAt!,
        type: 'party',
        description: `${party.name} niet langer betrokken als ${PARTY_ROLE_LABELS[link.role].toLowerCase()}`,
        data: { linkId, partyId: party.id, role: link.role },
      });
      await audit(tx, actor, 'dossier.party-unlinked', { dossierId, personId: dossier.personId, details: { linkId, partyId: party.id, role: link.role } });
      return linkView(ended, party);
    });
  }

  private async dossierFor(tx: EntityManager, actor: AuthUser, id: string, action: 'dossier:read' | 'party:link') {
    const dossier = await tx.findOneBy(DossierEntity, { id });
    if (!dossier) throw notFound('Dossier');
    authorize(actor, action, { team: dossier.team }, 'Dossier');
    return dossier;
  }

  /** Two parties registered at once with one enterprise number: the second waits and then finds the first. */
  private async lockEnterpriseNumber(tx: EntityManager, enterpriseNumber: string | null | undefined) {
    if (enterpriseNumber) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`party-enterprise-number:${enterpriseNumber}`]);
  }

  private async refuseDuplicate(tx: EntityManager, enterpriseNumber: string | null | undefined, exceptId?: string) {
    if (!enterpriseNumber) return;
    const existing = await tx.findOneBy(PartyEntity, { enterpriseNumber });
    if (existing && existing.id !== exceptId) throw conflict('A party with this enterprise number is already registered', { existingId: existing.id });
  }

  /** A party playing a role that needs its kind (another OCMW as competent OCMW) keeps that kind while the link runs. */
  private async refuseKindChange(tx: EntityManager, party: PartyEntity, kind: PartyKind) {
    const links = await tx.find(DossierPartyEntity, { where: { partyId: party.id } });
    const blocking = links.filter((l) => !l.endedAt && roleMismatch(l.role, kind));
    if (blocking.length > 0) {
      throw new ValidationError([{ path: '/kind', code: 'party-kind', message: `the party is linked as ${blocking[0].role} in ${blocking.length} dossier(s): ${roleMismatch(blocking[0].role, kind)}` }]);
    }
  }
}
