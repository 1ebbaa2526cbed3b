import type { Response } from 'supertest';

/** supertest's parser for a file download: the response body as the bytes sent (`.buffer(true).parse(binary)`). */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
