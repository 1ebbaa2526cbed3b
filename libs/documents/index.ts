import type { AppConfig } from '../config/config';
import { FsDocumentStore } from './fs-store';
import { S3DocumentStore } from './s3-store';
import type { DocumentStore } from './store';

export { DocumentMissingError, documentKey } from './store';
export type { DocumentStore } from './store';
export { FsDocumentStore } from './fs-store';
export { S3DocumentStore } from './s3-store';
export { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, DOCUMENT_TYPES, sniffType, fileNameFor } from './kinds';
export type { DocumentKind, DocumentType } from './kinds';

/** The store the configuration names (OCMW_DOCUMENT_STORE): the filesystem under the data folder, or an S3-compatible bucket. */
export function createDocumentStore(config: AppConfig['documents']): DocumentStore {
  if (config.store === 's3' && config.s3) return new S3DocumentStore(config.s3);
  return new FsDocumentStore(config.dir);
}
