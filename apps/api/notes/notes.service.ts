import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Action } from '../../../libs/auth/permissions';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { CaseNoteEntity, CaseNoteRevisionEntity, DossierEntity } from '../../../libs/db/entities';
import { addToTimeline } from '../../../libs/db/timeline';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { NOTE_KIND_LABELS, NOTE_KINDS, NoteKind } from '../../../libs/domain/case-notes';
import { authorize } from '../common/authorize';
import { dossierFor } from './dossier-for';
import type { AuthUser } from '../common/current-user';
import { forbidden, notFound, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { maySee, noteKindLabel, noteView } from './note-view';

export interface NewNote {
  contactDate: string;
  kind: NoteKind;
  text: string;
  confidential?: boolean;
}
export type NoteChange = Partial<Omit<NewNote, 'confidential'>>;

/**
 * The journal of a dossier: case notes, changed only by their author (earlier wordings kept as revisions). Every read
 * and write is audited; the audit rows and timeline entries of a confidential note name only its id.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  kinds(actor: AuthUser) {
    authorize(actor, 'note:read');
    const items = NOTE_KINDS.map((code) => ({ code, label: NOTE_KIND_LABELS[code] }));
    return { items, total: items.length };
  }

  async list(actor: AuthUser, dossierId: string) {
    authorize(actor, 'note:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'note:read');
      const notes = await tx.find(CaseNoteEntity, { where: { dossierId }, order: { contactDate: 'DESC', createdAt: 'DESC' } });
      const items = notes.filter((n) => maySee(actor, n, dossier)).map((n) => noteView(n));
      await audit(tx, actor, 'note.list-read', { dossierId, personId: dossier.personId });
      return { items, total: items.length };
    });
  }

  async create(actor: AuthUser, dossierId: string, input: NewNote) {
    authorize(actor, 'note:write');
    this.checkDate(input.contactDate);
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'note:write');
      const note = await tx.save(tx.create(CaseNoteEntity, {
        dossierId, authorId: actor.id, contactDate: input.contactDate, kind: input.kind, text: input.text.trim(), confidential: input.confidential ?? false,
      }));
      if (!note.confidential) {
        await addToTimeline(tx, { dossierId, key: `note:${note.id}`, at: new Date(), type: 'note', description: `Notitie: ${noteKindLabel(note.kind)}`, data: { noteId: note.id } });
      }
      await audit(tx, actor, 'note.created', { dossierId, personId: dossier.personId, details: { noteId: note.id, kind: note.kind, confidential: note.confidential } });
      return noteView(await tx.findOneByOrFail(CaseNoteEntity, { id: note.id }));
    });
  }

  async get(actor: AuthUser, id: string) {
    authorize(actor, 'note:read');
    return this.dataSource.transaction(async (tx) => {
      const { note, dossier } = await this.noteFor(tx, actor, id, 'note:read');
      const revisions = await tx.find(CaseNoteRevisionEntity, { where: { noteId: id }, order: { revision: 'ASC' } });
      await audit(tx, actor, 'note.read', { dossierId: dossier.id, personId: dossier.personId, details: { noteId: id } });
      return noteView(note, revisions);
    });
  }

  /** The author alone changes a note; the wording it replaces is kept as a revision. */
  async change(actor: AuthUser, id: string, input: NoteChange) {
    authorize(actor, 'note:write');
    if (input.contactDate) this.checkDate(input.contactDate);
    return this.dataSource.transaction(async (tx) => {
      const { note, dossier } = await this.noteFor(tx, actor, id, 'note:write', true);
      if (note.authorId !== actor.id) throw forbidden('Only the author of a note may change it');
      await tx.insert(CaseNoteRevisionEntity, { noteId: note.id, revision: note.revision, contactDate: note.contactDate, kind: note.kind, text: note.text, writtenAt: note.updatedAt });
      await tx.update(CaseNoteEntity, { id: note.id }, {
        contactDate: input.contactDate ?? note.contactDate,
        kind: input.kind ?? note.kind,
        text: input.text?.trim() ?? note.text,
        revision: note.revision + 1,
        updatedAt: new Date(),
      });
      await audit(tx, actor, 'note.changed', { dossierId: dossier.id, personId: dossier.personId, details: { noteId: note.id, revision: note.revision + 1, fields: Object.keys(input).sort() } });
      const revisions = await tx.find(CaseNoteRevisionEntity, { where: { noteId: id }, order: { revision: 'ASC' } });
      return noteView(await tx.findOneByOrFail(CaseNoteEntity, { id: note.id }), revisions);
    });
  }

  private checkDate(contactDate: string) {
    if (contactDate > todayIn(this.config.timeZone)) {
      throw new ValidationError([{ path: '/contactDate', code: 'in-future', message: 'the date of the contact must not be in the future' }]);
    }
  }

  /** The note, if the caller may see it; a confidential note of someone else's is not found (404), like one of another team. */
  private async noteFor(tx: EntityManager, actor: AuthUser, id: string, action: Action, lock = false) {
    const note = await tx.findOne(CaseNoteEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!note) throw notFound('Note');
    const dossier = await dossierFor(tx, actor, note.dossierId, action, 'Note');
    if (!maySee(actor, note, dossier)) throw notFound('Note');
    return { note, dossier };
  }
}

/** The ids of the confidential notes of a dossier that `actor` may not see (their audit rows are left out for them). */
export async function hiddenNoteIds(tx: EntityManager, actor: AuthUser, dossier: DossierEntity): Promise<Set<string>> {
  const notes = await tx.find(CaseNoteEntity, { where: { dossierId: dossier.id, confidential: true }, select: { id: true, authorId: true, confidential: true } });
  return new Set(notes.filter((n) => !maySee(actor, n, dossier)).map((n) => n.id));
}
