import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { parseBirthDate } from '../../../libs/domain/birth-date';
import { DocumentEntity, DossierEntity, PersonEntity, PersonIdentifierEntity } from '../../../libs/db/entities';
import { lockOpenDossiers } from '../../../libs/db/open-dossier';
import { IdentifierType, nameKey, NoNationalNumberReason, normalizeIdentifierValue } from '../../../libs/domain/person-identity';
import { formatIban, formatNationalNumber, normalizeIban, normalizeNationalNumber, validateNationalNumber } from '../../../libs/domain/identifiers';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import type { AppConfig } from '../../../libs/config/config';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { CONFIG } from '../common/tokens';
import { personPage } from './person-page';

export interface NewPerson {
  nationalNumber?: string;
  noNationalNumberReason?: NoNationalNumberReason;
  noNationalNumberNote?: string;
  firstName: string;
  lastName: string;
  birthDate?: string;
  address: { street: string; postalCode: string; city: string };
  iban?: string;
  email?: string;
  phone?: string;
  identifiers?: { type: IdentifierType; value: string }[];
  confirmNotDuplicate?: boolean;
}

/** The contact details PATCH /persons/:id changes; null clears e-mail or phone. */
export interface ContactChange {
  address?: { street: string; postalCode: string; city: string };
  email?: string | null;
  phone?: string | null;
}

export function personView(p: PersonEntity, identifiers: PersonIdentifierEntity[] = []) {
  return {
    id: p.id,
    nationalNumber: p.nationalNumber,
    nationalNumberFormatted: p.nationalNumber ? formatNationalNumber(p.nationalNumber) : null,
    noNationalNumberReason: p.noNationalNumberReason,
    noNationalNumberNote: p.noNationalNumberNote,
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    address: { street: p.street, postalCode: p.postalCode, city: p.city },
    iban: p.iban,
    ibanFormatted: p.iban ? formatIban(p.iban) : null,
    email: p.email,
    phone: p.phone,
    identifiers: identifiers.map((i) => ({ type: i.type, value: i.value })),
    mergedInto: p.mergedInto,
  };
}

// Advisory lock class (pg_advisory_xact_lock(int, int)) for person registrations: concurrent registrations of the same
// national number, birth date (the duplicate check) or identifier wait for each other instead of both passing a check.
const LOCK_PERSON = 0x50657273; // 'Pers'
const lockOn = (tx: EntityManager, key: string) => tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_PERSON, key]);

/** The birth date a national number carries, checked against the one given (400 when they disagree). */
function birthDateFrom(nationalNumber: string, given: string | null | undefined, path: string): string | null {
  const checked = validateNationalNumber(nationalNumber);
  const derived = checked.valid ? checked.birthDate : null;
  if (given && derived && derived !== given) {
    throw new ValidationError([{ path, code: 'mismatch', message: `does not match the national number (${derived})` }]);
  }
  return given ?? derived ?? null;
}

/**
 * Persons registered without a national number are the ones registered twice: a match on the name key (last and first
 * name) and the birth date with a live person of whom at least one side has no national number. Ids only.
 */
async function possibleDuplicates(tx: EntityManager, p: { firstName: string; lastName: string; birthDate: string | null; hasNationalNumber: boolean; exceptId?: string }): Promise<string[]> {
  if (!p.birthDate) return [];
  const sameBirthDate = await tx.findBy(PersonEntity, { birthDate: p.birthDate, mergedInto: IsNull() });
  return sameBirthDate
    .filter((o) => o.id !== p.exceptId && (!p.hasNationalNumber || o.nationalNumber === null))
    .filter((o) => nameKey(o.lastName) === nameKey(p.lastName) && nameKey(o.firstName) === nameKey(p.firstName))
    .map((o) => o.id);
}

async function insertIdentifiers(tx: EntityManager, personId: string, identifiers: NewPerson['identifiers'] = []): Promise<void> {
  const seen = new Set<string>();
  // Locked in one order, so two registrations listing the same identifiers in another order cannot deadlock.
  for (const key of [...new Set(identifiers.map((id) => `identifier:${id.type}:${normalizeIdentifierValue(id.value)}`))].sort()) await lockOn(tx, key);
  for (const [i, id] of identifiers.entries()) {
    const value = normalizeIdentifierValue(id.value);
    if (seen.has(`${id.type}:${value}`)) throw new ValidationError([{ path: `/identifiers/${i}`, code: 'duplicate', message: 'is listed twice' }]);
    seen.add(`${id.type}:${value}`);
    const existing = await tx.findOneBy(PersonIdentifierEntity, { type: id.type, value });
    if (existing) throw conflict(`A person with this ${id.type} identifier is already registered`, { existingId: existing.personId, path: `/identifiers/${i}` });
    await tx.insert(PersonIdentifierEntity, { personId, type: id.type, value });
  }
}

@Injectable()
export class PersonsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: AuthUser, input: NewPerson) {
    return this.dataSource.transaction((tx) => this.createIn(tx, actor, input));
  }

  /** Registers the person in the caller's transaction (an intake registers the person with the dossier it opens). */
  async createIn(tx: EntityManager, actor: AuthUser, input: NewPerson) {
    authorize(actor, 'person:create');
    const nationalNumber = input.nationalNumber ? normalizeNationalNumber(input.nationalNumber) : null;
    if (nationalNumber && (input.noNationalNumberReason || input.noNationalNumberNote)) {
      const path = input.noNationalNumberReason ? '/noNationalNumberReason' : '/noNationalNumberNote';
      throw new ValidationError([{ path, code: 'not-allowed', message: 'is only for a person without a national number' }]);
    }
    const birthDate = nationalNumber ? birthDateFrom(nationalNumber, input.birthDate, '/birthDate') : (input.birthDate ?? null);
    const firstName = input.firstName.trim();
    const lastName = input.lastName.trim();
    if (nationalNumber) await lockOn(tx, `national-number:${nationalNumber}`);
    if (birthDate) await lockOn(tx, `birth-date:${birthDate}`);
    if (nationalNumber) {
      const existing = await tx.findOneBy(PersonEntity, { nationalNumber });
      if (existing) throw conflict('A person with this national number is already registered', { existingId: existing.mergedInto ?? existing.id });
    }
    const candidates = await possibleDuplicates(tx, { firstName, lastName, birthDate, hasNationalNumber: nationalNumber !== null });
    if (candidates.length > 0 && input.confirmNotDuplicate !== true) {
      throw conflict('A person with this name and birth date is already registered: check the candidates, or confirm with confirmNotDuplicate', {
        code: 'possible-duplicate',
        candidateIds: candidates,
      });
    }
    const person = await tx.save(
      tx.create(PersonEntity, {
        nationalNumber,
        noNationalNumberReason: nationalNumber ? null : (input.noNationalNumberReason ?? null),
        noNationalNumberNote: nationalNumber ? null : (input.noNationalNumberNote?.trim() ?? null),
        firstName,
        lastName,
        birthDate,
        street: input.address.street.trim(),
        postalCode: input.address.postalCode.trim(),
        city: input.address.city.trim(),
        iban: input.iban ? normalizeIban(input.iban) : null,
        email: input.email ?? null,
        phone: input.phone ?? null,
      }),
    );
    await insertIdentifiers(tx, person.id, input.identifiers);
    await audit(tx, actor, 'person.created', { personId: person.id, details: nationalNumber ? {} : { noNationalNumberReason: input.noNationalNumberReason } });
    if (candidates.length > 0) {
      await audit(tx, actor, 'person.duplicate-confirmed', { personId: person.id, details: { candidateIds: candidates } });
    }
    return personView(person, await tx.findBy(PersonIdentifierEntity, { personId: person.id }));
  }

  /**
   * The person page: the person, their household and every dossier of theirs the caller may read (an audited read). A
   * merged record answers with `mergedInto` (the kept person's id), so a caller holding the old id can follow it.
   */
  async get(actor: AuthUser, id: string) {
    authorize(actor, 'person:read');
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOneBy(PersonEntity, { id });
      if (!person) throw notFound('Person');
      const page = await personPage(tx, actor, id, todayIn(this.config.timeZone));
      await audit(tx, actor, 'person.read', { personId: id, details: { dossierIds: page.dossiers.map((d) => d.id) } });
      return { ...personView(person, await tx.findBy(PersonIdentifierEntity, { personId: id })), ...page };
    });
  }

  /** Changes the contact details (address, e-mail, phone); the audit keeps the old and the new value of each change. */
  async updateContact(actor: AuthUser, id: string, input: ContactChange) {
    authorize(actor, 'person:update');
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOne(PersonEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw notFound('Person');
      if (person.mergedInto) throw conflict('This person was merged into another record', { mergedInto: person.mergedInto });
      const values: Partial<Pick<PersonEntity, 'street' | 'postalCode' | 'city' | 'email' | 'phone'>> = {};
      if (input.address) Object.assign(values, { street: input.address.street.trim(), postalCode: input.address.postalCode.trim(), city: input.address.city.trim() });
      if (input.email !== undefined) values.email = input.email?.trim() || null;
      if (input.phone !== undefined) values.phone = input.phone?.trim() || null;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, to] of Object.entries(values)) {
        const from = person[key as keyof typeof values];
        if (from !== to) changes[key] = { from, to };
      }
      if (Object.keys(changes).length > 0) {
        await tx.update(PersonEntity, { id }, values);
        await audit(tx, actor, 'person.updated', { personId: id, details: { changes } });
      }
      return personView(await tx.findOneByOrFail(PersonEntity, { id }), await tx.findBy(PersonIdentifierEntity, { personId: id }));
    });
  }

  async findByNationalNumber(actor: AuthUser, nationalNumber: string) {
    authorize(actor, 'person:read');
    const compact = normalizeNationalNumber(nationalNumber);
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOneBy(PersonEntity, { nationalNumber: compact, mergedInto: IsNull() });
      // The search itself is a read of personal data when it finds someone.
      if (person) await audit(tx, actor, 'person.searched', { personId: person.id });
      return { items: person ? [personView(person)] : [], total: person ? 1 : 0 };
    });
  }

  /**
   * A search by name (accents and typos tolerated: trigram similarity on the unaccented name), by national number
   * (11 digits, with or without dots, dashes or spaces) or by birth date. The query itself is never logged nor audited:
   * the audit says who searched and which persons were found.
   */
  async search(actor: AuthUser, q: string) {
    authorize(actor, 'person:read');
    const text = q.trim();
    const digits = text.replace(/[\s.\-]/g, '');
    const birthDate = parseBirthDate(text);
    return this.dataSource.transaction(async (tx) => {
      const qb = tx.createQueryBuilder(PersonEntity, 'p').where('p.merged_into IS NULL');
      if (/^[0-9]{11}$/.test(digits)) {
        qb.andWhere('p.national_number = :nn', { nn: digits });
      } else if (birthDate) {
        qb.andWhere('p.birth_date = :birthDate', { birthDate }).orderBy('p.last_name').addOrderBy('p.first_name');
      } else {
        const name = `public.ocmw_search_name(p.first_name || ' ' || p.last_name)`;
        // One typo in a short name still matches (the default threshold, 0.6, misses "Peters" for "Peeters").
        await tx.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY}`);
        // word_similarity: how well the typed words match some part of the name ("peters" finds "Jan Peeters").
        qb.andWhere(`(public.ocmw_search_name(:q) <% ${name} OR ${name} LIKE '%' || public.ocmw_search_name(:q) || '%')`, { q: text })
          .orderBy(`public.word_similarity(public.ocmw_search_name(:q), ${name})`, 'DESC')
          .addOrderBy('p.last_name');
      }
      const persons = await qb.take(SEARCH_LIMIT).getMany();
      if (persons.length > 0) await audit(tx, actor, 'person.searched', { details: { found: persons.map((p) => p.id) } });
      return { items: persons.map((p) => personView(p)), total: persons.length };
    });
  }

  /** A national number that arrived later (a BIS number assigned): the birth date must agree, or is set from it. */
  async addNationalNumber(actor: AuthUser, id: string, input: { nationalNumber: string }) {
    authorize(actor, 'person:add-national-number');
    const nationalNumber = normalizeNationalNumber(input.nationalNumber);
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOne(PersonEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw notFound('Person');
      if (person.mergedInto) throw conflict('This person was merged into another record', { mergedInto: person.mergedInto });
      if (person.nationalNumber === nationalNumber) return personView(person, await tx.findBy(PersonIdentifierEntity, { personId: id }));
      if (person.nationalNumber) throw conflict('This person already has another national number');
      await lockOn(tx, `national-number:${nationalNumber}`);
      const other = await tx.findOneBy(PersonEntity, { nationalNumber });
      if (other) {
        throw conflict('Another person has this national number: merge the two records (POST /persons/:id/merge)', { existingId: other.mergedInto ?? other.id });
      }
      const birthDate = birthDateFrom(nationalNumber, person.birthDate, '/nationalNumber');
      const reason = person.noNationalNumberReason;
      await tx.update(PersonEntity, { id }, { nationalNumber, birthDate, noNationalNumberReason: null, noNationalNumberNote: null });
      await audit(tx, actor, 'person.national-number-added', { personId: id, details: { previousReason: reason } });
      return personView(await tx.findOneByOrFail(PersonEntity, { id }), await tx.findBy(PersonIdentifierEntity, { personId: id }));
    });
  }

  /**
   * The same person registered twice: everything that references the duplicate (its dossiers, identifiers and
   * household memberships) moves to the kept person in one transaction; the duplicate stays, marked merged into the
   * kept one. The audit trail keeps the person ids it was written with.
   */
  async merge(actor: AuthUser, keptId: string, input: { duplicateId: string; reason: string }) {
    authorize(actor, 'person:merge');
    if (input.duplicateId === keptId) throw new ValidationError([{ path: '/duplicateId', code: 'same-person', message: 'must be another person than the one kept' }]);
    return this.dataSource.transaction(async (tx) => {
      // First the dossier-opening locks of both persons (libs/db/open-dossier.ts): no dossier opens for either of them
      // while their dossiers move and are checked for a clash, and an opening that waited finds the merged record.
      await lockOpenDossiers(tx, [keptId, input.duplicateId]);
      // Both rows locked in id order: two merges of the same pair cannot interleave or deadlock.
      const locked = await tx.find(PersonEntity, { where: { id: In([keptId, input.duplicateId]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const kept = locked.find((p) => p.id === keptId);
      const duplicate = locked.find((p) => p.id === input.duplicateId);
      if (!kept) throw notFound('Person');
      if (!duplicate) throw notFound('Duplicate person');
      if (kept.mergedInto) throw conflict('The person to keep was itself merged into another record', { mergedInto: kept.mergedInto });
      if (duplicate.mergedInto) throw conflict('The duplicate is already merged', { mergedInto: duplicate.mergedInto });
      if (kept.nationalNumber && duplicate.nationalNumber && kept.nationalNumber !== duplicate.nationalNumber) {
        throw conflict('Both records have a national number and they differ: these are two different persons', { code: 'different-national-numbers' });
      }
      const open = await tx.find(DossierEntity, { where: { personId: In([kept.id, duplicate.id]), closedAt: IsNull() } });
      const clash = [...new Set(open.filter((d) => d.personId === duplicate.id).map((d) => d.procedure))].filter((proc) =>
        open.some((d) => d.personId === kept.id && d.procedure === proc),
      );
      if (clash.length > 0) {
        throw conflict(`Both records have an open ${clash.join(', ')} dossier: close one of them before merging`, { code: 'open-dossiers-same-procedure', procedures: clash });
      }

      const moved = await tx.find(DossierEntity, { where: { personId: duplicate.id }, select: { id: true } });
      await tx.update(DossierEntity, { personId: duplicate.id }, { personId: kept.id });
      await tx.update(PersonIdentifierEntity, { personId: duplicate.id }, { personId: kept.id });
      await tx.update(DocumentEntity, { personId: duplicate.id }, { personId: kept.id });
      const memberships = await moveHouseholdMemberships(tx, kept.id, duplicate.id);
      // The duplicate is marked first: its national number (unique) is cleared in the same statement when it moves.
      const movesNationalNumber = !kept.nationalNumber && duplicate.nationalNumber !== null;
      await tx.update(PersonEntity, { id: duplicate.id }, { mergedInto: kept.id, mergedAt: new Date(), ...(movesNationalNumber ? { nationalNumber: null } : {}) });
      const fill: Partial<PersonEntity> = {};
      if (movesNationalNumber && duplicate.nationalNumber) {
        const checked = validateNationalNumber(duplicate.nationalNumber);
        const derived = checked.valid ? checked.birthDate : null;
        if (derived && kept.birthDate && derived !== kept.birthDate) {
          throw conflict(`The duplicate's national number gives another birth date (${derived}) than the person kept: check both records`, { code: 'birth-date-mismatch' });
        }
        Object.assign(fill, { nationalNumber: duplicate.nationalNumber, noNationalNumberReason: null, noNationalNumberNote: null, birthDate: kept.birthDate ?? derived });
      }
      for (const f of ['iban', 'email', 'phone'] as const) if (!kept[f] && duplicate[f]) fill[f] = duplicate[f];
      if (Object.keys(fill).length > 0) await tx.update(PersonEntity, { id: kept.id }, fill);
      const details = { keptId: kept.id, duplicateId: duplicate.id, reason: input.reason, dossierIds: moved.map((d) => d.id), nationalNumberMoved: movesNationalNumber, memberships };
      await audit(tx, actor, 'person.merged', { personId: kept.id, details });
      await audit(tx, actor, 'person.merged-away', { personId: duplicate.id, details });
      return personView(await tx.findOneByOrFail(PersonEntity, { id: kept.id }), await tx.findBy(PersonIdentifierEntity, { personId: kept.id }));
    });
  }
}

/**
 * The duplicate's household memberships (dossier_persons) become the kept person's, after the dossiers moved. A running
 * membership that would then repeat one of the kept person's (same dossier and role), or make the kept person a member
 * of a dossier they are the applicant of, is ended instead (it stays, with its end, in the dossier's history).
 */
async function moveHouseholdMemberships(tx: EntityManager, keptId: string, duplicateId: string) {
  const [ended]: [{ id: string }[], number] = await tx.query(
    `UPDATE dossier_persons m SET ended_at = now()
      WHERE m.ended_at IS NULL AND m.person_id IN ($1, $2)
        AND (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = m.dossier_id AND d.person_id = $1)
             OR (m.person_id = $2 AND EXISTS (SELECT 1 FROM dossier_persons k WHERE k.dossier_id = m.dossier_id AND k.role = m.role AND k.person_id = $1 AND k.ended_at IS NULL)))
      RETURNING m.id`,
    [keptId, duplicateId],
  );
  const [moved]: [{ id: string }[], number] = await tx.query(`UPDATE dossier_persons SET person_id = $1 WHERE person_id = $2 RETURNING id`, [keptId, duplicateId]);
  return { moved: moved.map((r) => r.id), ended: ended.map((r) => r.id) };
}

/** At most this many persons per search: a search is for finding someone, not for listing the register. */
const SEARCH_LIMIT = 20;
/** How alike typed words and a name must be (pg_trgm word similarity, 0–1). */
const WORD_SIMILARITY = 0.4;

