import type { DocumentEntity } from '../../../libs/db/entities';
import { DOCUMENT_KIND_LABELS, DocumentKind } from '../../../libs/documents';
import { DATE_TIME, INTEGER, nullable, object, STRING, UUID } from '../common/openapi';

export const documentKindLabel = (kind: string) => DOCUMENT_KIND_LABELS[kind as DocumentKind] ?? kind;

/** What a list shows of a document (never its storage key). */
export function documentView(d: DocumentEntity, uploaderNames: Map<string, string>) {
  return {
    id: d.id,
    dossierId: d.dossierId,
    personId: d.personId,
    kind: d.kind,
    kindLabel: documentKindLabel(d.kind),
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    uploadedByName: uploaderNames.get(d.uploadedBy) ?? '',
    uploadedAt: d.uploadedAt,
  };
}

const PROPERTIES = {
  id: UUID, dossierId: nullable(UUID), personId: UUID, kind: STRING, kindLabel: STRING, fileName: STRING,
  contentType: { enum: ['application/pdf', 'image/png', 'image/jpeg'] }, sizeBytes: INTEGER, sha256: STRING,
  uploadedBy: UUID, uploadedByName: STRING, uploadedAt: DATE_TIME,
};
export const DOCUMENT = object(PROPERTIES, Object.keys(PROPERTIES));
/** The properties of DOCUMENT, for an answer that is a document and more. */
export const DOCUMENT_PROPERTIES = PROPERTIES;
export const DOCUMENT_KIND = object({ code: STRING, label: STRING }, ['code', 'label']);
