import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { scopeOf } from '../../../libs/auth/permissions';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { DocumentEntity, DossierEntity, PersonEntity, UserEntity } from '../../../libs/db/entities';
import { addToTimeline } from '../../../libs/db/timeline';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, documentKey, DocumentKind, DocumentStore, DocumentType, fileNameFor, sniffType } from '../../../libs/documents';
import type { JsonSchema, SchemaError } from '../../../libs/validation/schema';
import { validateSchema } from '../../../libs/validation/schema';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { forbidden, notFound, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { dossierFor } from '../notes/dossier-for';
import { documentKindLabel, documentView } from './document-view';
import type { UploadedDocument } from './upload.interceptor';

export const DOCUMENT_STORE = Symbol('DocumentStore');

/** The text fields of an upload (multipart/form-data), beside the file. */
export const UPLOAD_FIELDS: JsonSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: [...DOCUMENT_KINDS], description: 'identity (identiteitsbewijs), lease (huurcontract), invoice (factuur), pay-slip (loonfiche), bank-statement (rekeninguittreksel), certificate (attest), other (andere): GET /document-kinds' } },
  additionalProperties: false,
} as JsonSchema;

/**
 * Documents on dossiers: uploaded (PDF, JPEG, PNG, recognised by their content), listed per dossier and per person,
 * downloaded (every download audited) and deleted by marking (by the uploader or the team lead). The bytes are in the
 * document store (libs/documents), written before the row and removed again when the row is not written.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('DocumentsService');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  kinds(actor: AuthUser) {
    authorize(actor, 'document:read');
    const items = DOCUMENT_KINDS.map((code) => ({ code, label: DOCUMENT_KIND_LABELS[code] }));
    return { items, total: items.length, maxBytes: this.config.documents.maxBytes };
  }

  async upload(actor: AuthUser, dossierId: string, fields: unknown, file: UploadedDocument | undefined) {
    authorize(actor, 'document:upload');
    const dossier = await dossierFor(this.dataSource.manager, actor, dossierId, 'document:upload');
    const errors: SchemaError[] = validateSchema(UPLOAD_FIELDS, { ...(fields as object) });
    const type = file && file.size > 0 ? sniffType(file.buffer) : null;
    if (!file) errors.push({ path: '/file', code: 'required', message: 'a file is required (multipart/form-data field "file")' });
    else if (file.size === 0) errors.push({ path: '/file', code: 'empty', message: 'the file is empty' });
    else if (!type) errors.push({ path: '/file', code: 'unsupported-type', message: 'must be a PDF, JPEG or PNG file (recognised by its content, not its name)' });
    if (errors.length > 0 || !file || !type) throw new ValidationError(errors);
    const kind = (fields as { kind: string }).kind;
    return this.keep(actor, dossier, { kind, fileName: fileNameFor(file.originalname, type), type, bytes: file.buffer, action: 'document.uploaded' });
  }

  /**
   * A document this system produced for the dossier (the CSR petition): stored and recorded like an upload, by `actor`,
   * with its own timeline text. The caller checked the permission on the dossier.
   */
  async addGenerated(actor: AuthUser, dossier: DossierEntity, document: { kind: DocumentKind; fileName: string; bytes: Buffer; description: string }) {
    return this.keep(actor, dossier, { ...document, type: 'application/pdf', action: 'document.generated' });
  }

  /** The bytes in the store first, then the row, the timeline entry and the audit record; the bytes go again when the row is not written. */
  private async keep(actor: AuthUser, dossier: DossierEntity, d: { kind: string; fileName: string; type: DocumentType; bytes: Buffer; action: string; description?: string }) {
    const dossierId = dossier.id;
    const id = randomUUID();
    const key = documentKey(id);
    await this.store.put(key, d.bytes, d.type);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const document = tx.create(DocumentEntity, {
          id, dossierId, personId: dossier.personId, kind: d.kind, fileName: d.fileName, contentType: d.type,
          sizeBytes: d.bytes.length, sha256: createHash('sha256').update(d.bytes).digest('hex'), storageKey: key, uploadedBy: actor.id,
        });
        await tx.insert(DocumentEntity, document);
        await addToTimeline(tx, { dossierId, key: `document:${id}`, at: new Date(), type: 'document', description: d.description ?? `Document: ${documentKindLabel(d.kind)}`, data: { documentId: id } });
        await audit(tx, actor, d.action, { dossierId, personId: dossier.personId, details: { documentId: id, kind: d.kind, contentType: d.type, sizeBytes: d.bytes.length } });
        return (await this.views(tx, [await tx.findOneByOrFail(DocumentEntity, { id })]))[0];
      });
    } catch (err) {
      // Not recorded: its bytes go too (a store that fails here leaves an unreferenced object, never a row without bytes).
      await this.store.delete(key).catch((e: unknown) => this.logger.warn(`stored bytes of an unrecorded upload left behind: ${String(e)}`));
      throw err;
    }
  }

  async listForDossier(actor: AuthUser, dossierId: string) {
    authorize(actor, 'document:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'document:read');
      const documents = await tx.find(DocumentEntity, { where: { dossierId, deletedAt: IsNull() }, order: { uploadedAt: 'DESC', id: 'ASC' } });
      await audit(tx, actor, 'document.list-read', { dossierId, personId: dossier.personId });
      const items = await this.views(tx, documents);
      return { items, total: items.length };
    });
  }

  /**
   * Every document of the person the caller may read: those on the person's dossiers of the caller's team (every team's
   * for a role that reads all), and those on the person alone when the caller may read at least one of the person's dossiers.
   */
  async listForPerson(actor: AuthUser, personId: string) {
    authorize(actor, 'document:read');
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOneBy(PersonEntity, { id: personId });
      if (!person) throw notFound('Person');
      const everyTeam = scopeOf(actor.role, 'document:read') === 'all';
      const dossiers = await tx.find(DossierEntity, { where: { personId, ...(everyTeam ? {} : { team: actor.team }) }, select: { id: true } });
      const dossierIds = dossiers.map((d) => d.id);
      const documents = await tx.find(DocumentEntity, {
        where: [
          ...(dossierIds.length > 0 ? [{ dossierId: In(dossierIds), deletedAt: IsNull() }] : []),
          ...(dossierIds.length > 0 || everyTeam ? [{ personId, dossierId: IsNull(), deletedAt: IsNull() }] : []),
        ],
        order: { uploadedAt: 'DESC', id: 'ASC' },
      });
      await audit(tx, actor, 'document.list-read', { personId });
      const items = await this.views(tx, documents);
      return { items, total: items.length };
    });
  }

  /** The bytes of a document, its type and name; the download is audited before the bytes leave. */
  async content(actor: AuthUser, id: string) {
    authorize(actor, 'document:read');
    const { document } = await this.documentFor(this.dataSource.manager, actor, id, 'document:read');
    const body = await this.store.get(document.storageKey);
    await audit(this.dataSource.manager, actor, 'document.downloaded', {
      dossierId: document.dossierId, personId: document.personId, details: { documentId: id, kind: document.kind, sizeBytes: document.sizeBytes },
    });
    return { body, contentType: document.contentType, fileName: document.fileName };
  }

  /** Marks the document deleted (its row and bytes are kept for the audit trail): by its uploader or the team lead. */
  async delete(actor: AuthUser, id: string) {
    authorize(actor, 'document:delete');
    return this.dataSource.transaction(async (tx) => {
      const { document, dossier } = await this.documentFor(tx, actor, id, 'document:delete', true);
      if (document.uploadedBy !== actor.id && actor.role !== 'team-lead') throw forbidden('Only the uploader of a document or the team lead may delete it');
      await tx.update(DocumentEntity, { id }, { deletedAt: new Date(), deletedBy: actor.id });
      await audit(tx, actor, 'document.deleted', { dossierId: document.dossierId, personId: document.personId, details: { documentId: id, kind: document.kind } });
      if (dossier) {
        await addToTimeline(tx, { dossierId: dossier.id, key: `document-deleted:${id}`, at: new Date(), type: 'document', description: `Document verwijderd: ${documentKindLabel(document.kind)}`, data: { documentId: id } });
      }
    });
  }

  /** A document not deleted, if the caller may act on it: another team's is not found (404), like an unknown id. */
  private async documentFor(tx: EntityManager, actor: AuthUser, id: string, action: 'document:read' | 'document:delete', lock = false) {
    const document = await tx.findOne(DocumentEntity, { where: { id, deletedAt: IsNull() }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!document) throw notFound('Document');
    if (document.dossierId) return { document, dossier: await dossierFor(tx, actor, document.dossierId, action, 'Document') };
    // A document on the person alone: for whoever may read one of the person's dossiers.
    const dossiers = await tx.find(DossierEntity, { where: { personId: document.personId }, select: { id: true, team: true } });
    const allowed = scopeOf(actor.role, action) === 'all' || dossiers.some((d) => d.team === actor.team);
    if (!allowed) throw notFound('Document');
    return { document, dossier: null };
  }

  private async views(tx: EntityManager, documents: DocumentEntity[]) {
    const ids = [...new Set(documents.map((d) => d.uploadedBy))];
    const users = ids.length > 0 ? await tx.find(UserEntity, { where: { id: In(ids) }, select: { id: true, displayName: true } }) : [];
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return documents.map((d) => documentView(d, names));
  }
}
