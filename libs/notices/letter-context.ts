/**
 * What a letter takes from the dossier, its person, its social worker and the configuration, so the workflow only passes
 * the facts of the step (reasons, amounts, dates) and no personal data travels through Temporal's history. Shared by
 * the notices activities and the API (which renders a PDF on the fly for a notice recorded without a letter).
 */
import { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config';
import { DossierEntity, NoticeEntity, PartyEntity, PersonEntity, UserEntity } from '../db/entities';
import { dateInZone, IsoDate, isValidIsoDate } from '../deadlines/calendar-date';
import { procedureDefinition } from '../procedures/registry';
import type { ProcedureLetters } from '../procedures/types';
import { type Letterhead, renderPdf } from './pdf';
import { Addressee, LetterBase, LetterDocument, renderLetter } from './templates';

export interface LetterContext {
  base: LetterBase;
  dossier: DossierEntity;
  person: PersonEntity;
  /** The party the letter is addressed to instead of the client (issueLetter's recipient). */
  party?: PartyEntity;
}

export function letterhead(config: AppConfig): Letterhead {
  return { name: config.ocmw.name, address: config.ocmw.address, enterpriseNumber: config.ocmw.enterpriseNumber };
}

/** A party as the addressee of a letter: its name, "t.a.v." its contact person, its address (the country abroad). */
export function partyAddressee(party: PartyEntity): Addressee {
  // Without a postal address there are no address lines: the letter is then refused as incomplete (recipient).
  if (!party.street || !party.postalCode || !party.city) return { name: party.name, address: [] };
  const lines = [
    party.contactPerson ? `t.a.v. ${party.contactPerson}` : '',
    party.street,
    `${party.postalCode} ${party.city}`,
    party.country !== 'BE' ? party.country : '',
  ];
  return { name: party.name, address: lines.filter((l) => l !== '') };
}

/** The letters of the dossier's procedure: wording, templates and the appeal rule, from its definition (no fallback). */
export function lettersOf(dossier: DossierEntity): ProcedureLetters {
  return procedureDefinition(dossier.procedure).letters;
}

/**
 * The letter's common part: the client as recipient, the dossier reference, the handling service and the responsible
 * social worker. Users have no phone or e-mail of their own here: the social worker is reached through the service's
 * mailbox (config.notices.mailFrom) unless the caller names another contact.
 */
export async function loadLetterContext(manager: EntityManager, config: AppConfig, dossierId: string, date: IsoDate): Promise<LetterContext | null> {
  const dossier = await manager.findOneBy(DossierEntity, { id: dossierId });
  if (!dossier) return null;
  const person = await manager.findOneByOrFail(PersonEntity, { id: dossier.personId });
  const worker = dossier.responsibleUserId ? await manager.findOneBy(UserEntity, { id: dossier.responsibleUserId }) : null;
  return {
    dossier,
    person,
    base: {
      reference: dossier.reference,
      date,
      recipient: { name: `${person.firstName} ${person.lastName}`, address: [person.street, `${person.postalCode} ${person.city}`] },
      ocmwName: config.ocmw.name,
      service: `Sociale dienst van ${config.ocmw.name}, ${config.ocmw.address}`,
      socialWorker: worker ? { name: worker.displayName, contact: config.notices.mailFrom } : undefined,
      procedure: lettersOf(dossier),
    },
  };
}

/**
 * The letter of a notice recorded before letters were rendered (recordNotice: kind + content only). Only the
 * ontvangstbewijs can be rebuilt from what was stored (reference, request date, decision date); it is dated on the day
 * it was issued. Other old notices (a decision recorded without its reasons) cannot be turned into a complete letter:
 * null.
 */
export function legacyDocument(notice: NoticeEntity, base: LetterBase, timeZone: string): LetterDocument | null {
  const c = notice.content ?? {};
  if (notice.kind !== 'ontvangstbewijs' && notice.kind !== 'receipt') return null;
  if (!isValidIsoDate(c.requestDate) || !isValidIsoDate(c.decisionDueDate)) return null;
  const date = notice.sentAt ? dateInZone(notice.sentAt.getTime(), timeZone) : c.requestDate;
  return renderLetter('receipt', {
    ...base,
    date,
    reference: typeof c.reference === 'string' ? c.reference : base.reference,
    requestDate: c.requestDate,
    decisionDueDate: c.decisionDueDate,
  });
}

/**
 * The PDF of a notice: as stored when the letter was issued, or — for a notice recorded before letters were stored —
 * rendered from its stored letter (or, for an ontvangstbewijs, from its content); null when none can be made.
 * `notice` must have been loaded with its pdf column (addSelect('n.pdf')). Used by GET /notices/:id/pdf and the data
 * subject's export.
 */
export async function noticePdf(
  manager: EntityManager,
  config: AppConfig,
  notice: NoticeEntity,
  dossier: Pick<DossierEntity, 'id' | 'requestDate'>,
): Promise<{ pdf: Buffer; renderedOnTheFly: boolean } | null> {
  if (notice.pdf) return { pdf: notice.pdf, renderedOnTheFly: false };
  // The dossier's letter context (four reads) only for a notice without its stored letter.
  const ctx = notice.document ? null : await loadLetterContext(manager, config, dossier.id, dossier.requestDate);
  const document = notice.document ?? (ctx ? legacyDocument(notice, ctx.base, config.timeZone) : null);
  if (!document) return null;
  return { pdf: await renderPdf(document, letterhead(config)), renderedOnTheFly: true };
}
