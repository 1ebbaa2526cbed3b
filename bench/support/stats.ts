import { performance } from 'node:perf_hooks';

export interface Timed<R> {
  latencies: number[];
  results: R[];
  seconds: number;
}

/** Runs `fn` over `items` with `concurrency` workers, timing each call. */
export async function timed<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<Timed<R>> {
  const latencies: number[] = [];
  const results: R[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t0 = performance.now();
        results.push(await fn(item));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, results, seconds: (performance.now() - start) / 1000 };
}

export function report(name: string, r: { latencies: number[]; seconds: number }): void {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
  console.log(`${name}\n  ${(sorted.length / r.seconds).toFixed(1)} req/s   p50 ${q(0.5)} ms   p95 ${q(0.95)} ms   max ${sorted.at(-1)!.toFixed(1)} ms   (n=${sorted.length})`);
}

export type Api = (method: string, url: string, token?: string, body?: unknown) => Promise<Record<string, unknown>>;

export function apiClient(baseUrl: string): Api {
  return async (method, url, token, body) => {
    const res = await fetch(baseUrl + url, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}
