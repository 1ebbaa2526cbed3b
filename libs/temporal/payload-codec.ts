import * as crypto from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/**
 * Payload encryption (issue 16): everything a workflow carries — its input and result, task outcomes, activity inputs
 * and results, Update and Signal arguments, memos, failure messages (with the failure converter's
 * encodeCommonAttributes, libs/temporal/failure-converter.ts) — reaches the Temporal server as AES-256-GCM ciphertext.
 * The social inquiry, the motivations, the amounts and the notes are then unreadable to whoever reads its database or
 * its Web UI; an operator who may read a history decodes it through the API's codec endpoint (/temporal-codec).
 *
 * Each encrypted payload says which key wrote it (metadata `encryption-key-id`): new payloads use the current key, any
 * key still listed decodes its own (a rotation adds a key and makes it current; an old key is dropped only once no
 * history written with it is kept). A payload that is not encrypted (histories and dossiers from before, the tests'
 * stored histories) passes through unchanged. Search attributes are not payloads of this codec: they hold ids only.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKeys {
  /** The key new payloads are encrypted with. */
  currentId: string;
  /** Every key that may still decode a payload, by id (32 bytes each). */
  keys: ReadonlyMap<string, Buffer>;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? new TextDecoder().decode(bytes) : '');

export class PayloadKeyError extends Error {}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly payloadKeys: PayloadKeys) {
    const current = payloadKeys.keys.get(payloadKeys.currentId);
    if (!current) throw new PayloadKeyError(`the current payload key ${payloadKeys.currentId} is not among the keys`);
    for (const [id, key] of payloadKeys.keys) if (key.length !== 32) throw new PayloadKeyError(`payload key ${id} is not 32 bytes (AES-256)`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const id = this.payloadKeys.currentId;
    const key = this.payloadKeys.keys.get(id)!;
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      // The key id is authenticated with the data: a payload cannot be passed off as another key's.
      cipher.setAAD(utf8(id));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const id = text(payload.metadata?.[KEY_ID_METADATA]);
      const key = this.payloadKeys.keys.get(id);
      if (!key) throw new PayloadKeyError(`no payload key ${id || '(none)'} to decode with: add it to OCMW_PAYLOAD_KEYS`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadKeyError('an encrypted payload too short to hold its IV and tag');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(utf8(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** A new random key (base64), for the local default and for a rotation (`npm run payload-key`). */
export function newPayloadKey(): string {
  return crypto.randomBytes(32).toString('base64');
}

/**
 * The keys as OCMW_PAYLOAD_KEYS writes them: `id:base64key` separated by commas, the **first one current**
 * (`2027-01:…,2026-01:…`). Ids are letters, digits, `.`, `_` and `-`; each key is 32 bytes in base64. Problems are named
 * (English, for the configuration's error); none when they can be used.
 */
export function parsePayloadKeys(value: string): { keys?: PayloadKeys; problems: string[] } {
  const problems: string[] = [];
  const keys = new Map<string, Buffer>();
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) return { problems: ['lists at least one key as id:base64'] };
  entries.forEach((entry, i) => {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    const material = at > 0 ? Buffer.from(entry.slice(at + 1), 'base64') : Buffer.alloc(0);
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(id)) problems.push(`key ${i + 1} has no id (id:base64, the id of letters, digits, . _ -)`);
    else if (keys.has(id)) problems.push(`key id ${id} is listed twice`);
    else if (material.length !== 32) problems.push(`key ${id} is not 32 bytes of base64 (AES-256): ${material.length} bytes`);
    else keys.set(id, material);
  });
  if (problems.length > 0) return { problems };
  return { keys: { currentId: entries[0].slice(0, entries[0].indexOf(':')), keys }, problems };
}
