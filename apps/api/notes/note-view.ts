import { CaseNoteEntity, CaseNoteRevisionEntity, DossierEntity } from '../../../libs/db/entities';
import { NOTE_KIND_LABELS, NoteKind } from '../../../libs/domain/case-notes';
import type { AuthUser } from '../common/current-user';
import { arrayOf, BOOLEAN, DATE, DATE_TIME, INTEGER, object, STRING, UUID } from '../common/openapi';

/**
 * May `actor` see this note? A confidential note only its author, the dossier's responsible social worker and the
 * team lead of the dossier's team; everyone else (the admin too) is not told it exists.
 */
export function maySee(actor: AuthUser, note: Pick<CaseNoteEntity, 'confidential' | 'authorId'>, dossier: DossierEntity): boolean {
  if (!note.confidential) return true;
  return note.authorId === actor.id || dossier.responsibleUserId === actor.id || (actor.role === 'team-lead' && actor.team === dossier.team);
}

export const noteKindLabel = (kind: string) => NOTE_KIND_LABELS[kind as NoteKind] ?? kind;

export function noteView(note: CaseNoteEntity, revisions?: CaseNoteRevisionEntity[]) {
  return {
    id: note.id,
    dossierId: note.dossierId,
    authorId: note.authorId,
    contactDate: note.contactDate,
    kind: note.kind,
    kindLabel: noteKindLabel(note.kind),
    text: note.text,
    confidential: note.confidential,
    revision: note.revision,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    ...(revisions
      ? { revisions: revisions.map((r) => ({ revision: r.revision, contactDate: r.contactDate, kind: r.kind, kindLabel: noteKindLabel(r.kind), text: r.text, writtenAt: r.writtenAt, replacedAt: r.replacedAt })) }
      : {}),
  };
}

const NOTE_PROPERTIES = {
  id: UUID, dossierId: UUID, authorId: UUID, contactDate: DATE, kind: STRING, kindLabel: STRING, text: STRING,
  confidential: BOOLEAN, revision: INTEGER, createdAt: DATE_TIME, updatedAt: DATE_TIME,
};
export const NOTE = object(NOTE_PROPERTIES, Object.keys(NOTE_PROPERTIES));
export const NOTE_WITH_REVISIONS = object({
  ...NOTE_PROPERTIES,
  revisions: arrayOf(object({ revision: INTEGER, contactDate: DATE, kind: STRING, kindLabel: STRING, text: STRING, writtenAt: DATE_TIME, replacedAt: DATE_TIME })),
}, [...Object.keys(NOTE_PROPERTIES), 'revisions']);
export const NOTE_KIND = object({ code: STRING, label: STRING }, ['code', 'label']);
