/**
 * Where the bytes of uploaded documents are kept, behind one small interface: the filesystem under the data folder
 * (the local default) or an S3-compatible bucket (production, MinIO in docker-compose). The database keeps what a
 * document is (libs/db/entities/document.entity.ts); a store only keeps bytes under an opaque key.
 */
export interface DocumentStore {
  /** Stores `body` under `key` (replacing what was there). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`; DocumentMissingError when there are none. */
  get(key: string): Promise<Buffer>;
  /** Removes what is under `key`; nothing under it is no error. */
  delete(key: string): Promise<void>;
}

export class DocumentMissingError extends Error {
  constructor(readonly key: string) {
    super(`No document stored under ${key}`);
    this.name = 'DocumentMissingError';
  }
}

/** Keys are ours (made from a document id), never from a person: letters, digits, `-`, `_`, `.` and `/` between parts. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').includes('..') || key.length > 512) throw new Error(`Not a document key: ${JSON.stringify(key)}`);
  return key;
}

/** The key of a document's bytes: sharded by the first two characters of its id (no name or number of a person). */
export const documentKey = (documentId: string) => checkKey(`${documentId.slice(0, 2)}/${documentId}`);
