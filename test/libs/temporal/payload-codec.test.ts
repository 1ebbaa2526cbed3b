import { defaultPayloadConverter } from '@temporalio/common';
import { ENCRYPTED_ENCODING, EncryptionCodec, KEY_ID_METADATA, newPayloadKey, parsePayloadKeys, PayloadKeyError } from '../../../libs/temporal/payload-codec';

const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());
const keysOf = (value: string) => parsePayloadKeys(value).keys!;

describe('the payload codec (AES-256-GCM, issue 16)', () => {
  const inquiry = { notes: 'cliënte woont alleen in studio, geen inkomsten sinds maart', monthlyResourcesCents: 31_420 };
  const plain = defaultPayloadConverter.toPayload(inquiry);
  const old = `2026-01:${newPayloadKey()}`;
  const next = `2027-01:${newPayloadKey()}`;

  it('encrypts a payload so nothing of it is readable, names its key, and decodes it back to the same value', async () => {
    const codec = new EncryptionCodec(keysOf(old));
    const [encrypted] = await codec.encode([plain]);
    expect(text(encrypted.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted.metadata![KEY_ID_METADATA])).toBe('2026-01');
    const raw = Buffer.from(encrypted.data!).toString('latin1');
    for (const secret of ['studio', 'inkomsten', '31420', 'json/plain']) expect(raw).not.toContain(secret);
    const [decoded] = await codec.decode([encrypted]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(inquiry);
    // A fresh IV each time: the same value never gives the same ciphertext.
    const [again] = await codec.encode([plain]);
    expect(Buffer.from(again.data!).equals(Buffer.from(encrypted.data!))).toBe(false);
  });

  it('a rotation: payloads written with the old key still decode, new ones use the new key', async () => {
    const before = new EncryptionCodec(keysOf(old));
    const [written] = await before.encode([plain]);
    const after = new EncryptionCodec(keysOf(`${next},${old}`));
    expect(defaultPayloadConverter.fromPayload((await after.decode([written]))[0])).toEqual(inquiry);
    const [fresh] = await after.encode([plain]);
    expect(text(fresh.metadata![KEY_ID_METADATA])).toBe('2027-01');
    // Without the old key, the old payload cannot be read: an error that names the key, never garbage.
    await expect(new EncryptionCodec(keysOf(next)).decode([written])).rejects.toThrow('no payload key 2026-01');
  });

  it('passes an unencrypted payload through (histories from before), and refuses one that was tampered with', async () => {
    const codec = new EncryptionCodec(keysOf(old));
    expect(await codec.decode([plain])).toEqual([plain]);
    const [encrypted] = await codec.encode([plain]);
    const data = Buffer.from(encrypted.data!);
    data[20] ^= 1;
    await expect(codec.decode([{ ...encrypted, data }])).rejects.toThrow();
    // The key id is authenticated: a payload relabelled as another key's (of the same bytes) does not decode.
    const twin = keysOf(`${old},2026-02:${old.slice(old.indexOf(':') + 1)}`);
    const relabelled = { ...encrypted, metadata: { ...encrypted.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('2026-02') } };
    await expect(new EncryptionCodec(twin).decode([relabelled])).rejects.toThrow();
  });

  it('reads OCMW_PAYLOAD_KEYS: the first key current; every problem named', () => {
    expect(keysOf(`${next},${old}`).currentId).toBe('2027-01');
    expect(parsePayloadKeys('').problems).toEqual(['lists at least one key as id:base64']);
    expect(parsePayloadKeys(`a:${Buffer.alloc(16).toString('base64')},:x,${old},${old}`).problems).toEqual([
      'key a is not 32 bytes of base64 (AES-256): 16 bytes', 'key 2 has no id (id:base64, the id of letters, digits, . _ -)', 'key id 2026-01 is listed twice',
    ]);
    expect(() => new EncryptionCodec({ currentId: 'x', keys: new Map() })).toThrow(PayloadKeyError);
  });
});
