import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { DocumentMissingError, DocumentStore, documentKey, FsDocumentStore, S3DocumentStore } from '../../../libs/documents';

/**
 * One contract for both document stores: the filesystem default and the S3-compatible store, the latter against a real
 * S3 API server (s3rver, started here on a free port with its files in a temporary folder; MinIO cannot run here).
 */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function contract(name: string, make: () => { store: DocumentStore; stored: (key: string) => boolean }) {
  describe(name, () => {
    it('gives back exactly the bytes put under a key, and replaces them on a second put', async () => {
      const { store } = make();
      const key = documentKey('4f1c2b8e-0000-4000-8000-000000000001');
      await store.put(key, PNG, 'image/png');
      expect((await store.get(key)).equals(PNG)).toBe(true);
      const other = Buffer.from('%PDF-1.7\n%%EOF\n');
      await store.put(key, other, 'application/pdf');
      expect((await store.get(key)).equals(other)).toBe(true);
    });

    it('keeps large and binary content intact (every byte value, 3 MB)', async () => {
      const { store } = make();
      const big = Buffer.alloc(3 * 1024 * 1024, 0);
      for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 256;
      const key = documentKey('4f1c2b8e-0000-4000-8000-000000000002');
      await store.put(key, big, 'application/octet-stream');
      expect((await store.get(key)).equals(big)).toBe(true);
    });

    it('answers DocumentMissingError for a key with nothing under it, and after delete', async () => {
      const { store, stored } = make();
      await expect(store.get(documentKey('4f1c2b8e-0000-4000-8000-00000000dead'))).rejects.toBeInstanceOf(DocumentMissingError);
      const key = documentKey('4f1c2b8e-0000-4000-8000-000000000003');
      await store.put(key, PNG, 'image/png');
      expect(stored(key)).toBe(true);
      await store.delete(key);
      expect(stored(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(DocumentMissingError);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('refuses a key that could leave its folder', async () => {
      const { store } = make();
      await expect(store.put('../escape', PNG, 'image/png')).rejects.toThrow(/Not a document key/);
      await expect(store.get('a/../../b')).rejects.toThrow(/Not a document key/);
      await expect(store.put('/absolute', PNG, 'image/png')).rejects.toThrow(/Not a document key/);
    });
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-documents-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const fsRoot = path.join(tmp, 'fs');
contract('filesystem store', () => ({
  store: new FsDocumentStore(fsRoot),
  stored: (key) => fs.existsSync(path.join(fsRoot, ...key.split('/'))),
}));

describe('S3-compatible store (s3rver)', () => {
  const bucket = 'ocmw-documents';
  const s3Dir = path.join(tmp, 's3');
  let server: S3rver;
  let store: S3DocumentStore;
  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: bucket }] });
    const { port } = await server.run();
    store = new S3DocumentStore({ endpoint: `http://127.0.0.1:${port}`, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
  });
  afterAll(async () => {
    store?.close();
    await server?.close();
  });
  // s3rver keeps each object in a folder named after the key (path-style requests reached the bucket named here).
  contract('contract', () => ({ store, stored: (key) => fs.existsSync(path.join(s3Dir, bucket, ...key.split('/')) + '._S3rver_object') }));
});
