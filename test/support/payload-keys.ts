import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec, newPayloadKey, parsePayloadKeys, PayloadKeys } from '../../libs/temporal/payload-codec';

/** The payload keys of one test process: made fresh each run (never a key in the repository). */
export const TEST_PAYLOAD_KEY_TEXT = `test-1:${newPayloadKey()}`;
export const TEST_PAYLOAD_KEYS: PayloadKeys = parsePayloadKeys(TEST_PAYLOAD_KEY_TEXT).keys!;

/** A payload of a history read raw (fetchHistory) in clear: decrypted with the test key, then converted. */
export async function decodedPayload<T>(payload: Payload): Promise<T> {
  const [plain] = await new EncryptionCodec(TEST_PAYLOAD_KEYS).decode([payload]);
  return defaultPayloadConverter.fromPayload<T>(plain);
}

export type FoundPayload = { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null };
/**
 * Every payload of a history (inputs, results, Update arguments, failures' encoded attributes), found by its shape —
 * but search attributes (ids only, indexed by the server: never encrypted) and the SDK's patch markers (the patch's
 * name, written by the SDK core itself).
 */
export function payloadsOf(value: unknown, out: FoundPayload[] = []): FoundPayload[] {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return out;
  const o = value as Record<string, unknown>;
  if (o.metadata && typeof o.metadata === 'object' && 'data' in o && ArrayBuffer.isView(o.data)) out.push(o as FoundPayload);
  for (const [k, v] of Object.entries(o)) if (!['searchAttributes', 'markerRecordedEventAttributes', 'upsertWorkflowSearchAttributesEventAttributes'].includes(k)) payloadsOf(v, out);
  return out;
}

/** A history as text, its bytes as latin1: what someone reading the server's database would see. */
export const historyText = (history: unknown): string =>
  JSON.stringify(history, (_k, v) => (ArrayBuffer.isView(v) ? Buffer.from(v as Uint8Array).toString('latin1') : v));
