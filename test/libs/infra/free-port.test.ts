import * as fs from 'node:fs';
import * as net from 'node:net';
import { freePort } from '../../../libs/infra/embedded-postgres';

/**
 * freePort() hands out a port for a server that binds it seconds later (the e2e launcher, the benchmark). A port from
 * listen(0) lies in the kernel's ephemeral range, where the outgoing connections made meanwhile (PostgreSQL, Temporal)
 * take their local ports: one did, and the API failed with EADDRINUSE. So the port comes from below that range.
 */
describe('freePort', () => {
  const range = fs.existsSync('/proc/sys/net/ipv4/ip_local_port_range')
    ? fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number)
    : null;

  (range ? it : it.skip)('gives ports below the ephemeral range, free to bind', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port).toBeLessThan(range![0]);
    }
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(ports[0], '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  (range ? it : it.skip)('never gives a port that is in use', async () => {
    // Occupy a block of the range's ports (3,000 of about 22,000: a pick without the check would land in it about
    // 26 times in 200): none of them may come back.
    const servers: net.Server[] = [];
    const taken = new Set<number>();
    for (let port = 20_000; port < 23_000; port++) {
      const server = net.createServer();
      const ok = await new Promise<boolean>((resolve) => server.once('error', () => resolve(false)).listen(port, '127.0.0.1', () => resolve(true)));
      if (ok) {
        servers.push(server);
        taken.add(port);
      }
    }
    try {
      const ports = await Promise.all(Array.from({ length: 200 }, () => freePort()));
      expect(ports.filter((p) => taken.has(p))).toEqual([]);
    } finally {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });
});
