/** Thrown by a start step when a shutdown began while it ran: what it started is registered, the start goes no further. */
export class ShutdownStarted extends Error {
  constructor() {
    super('shutting down');
  }
}

interface Started {
  name: string;
  stop: () => Promise<unknown>;
}

/**
 * What the launcher started, and how it stops. The first SIGINT, SIGTERM or SIGHUP stops everything in reverse order
 * (API, worker, connections, Temporal dev server, PostgreSQL) once the start step under way has settled, then exits.
 * Every further signal ends the server processes (Temporal dev server, PostgreSQL — known from the moment they are
 * spawned) at once, without waiting for the orderly stop, and the launcher exits once they have ended. No signal ends
 * the launcher before the processes it started: a handler stays installed for every signal.
 */
export class Lifecycle {
  private readonly started: Started[] = [];
  private readonly servers = new Map<string, () => Promise<void>>();
  private inFlight: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | null = null;
  private signals = 0;

  installSignalHandlers(): void {
    const onSignal = (signal: NodeJS.Signals) => this.onSignal(signal);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  }

  /** Runs one start step; `stopOf` (if any) says how to stop what it started. */
  async start<T>(name: string, step: () => Promise<T>, stopOf?: (value: T) => () => Promise<unknown>): Promise<T> {
    if (this.stopping) throw new ShutdownStarted();
    const running = step();
    this.inFlight = running.catch(() => undefined);
    const value = await running;
    if (stopOf) this.started.push({ name, stop: stopOf(value) });
    if (this.stopping) throw new ShutdownStarted();
    return value;
  }

  /** A server process, from the moment it exists: `stop` may be called more than once. */
  server(name: string, stop: () => Promise<void>): void {
    this.servers.set(name, stop);
  }

  /** The orderly stop (once; later calls return the same run), then process.exit(code). */
  shutdown(code: number): Promise<void> {
    this.stopping ??= (async () => {
      console.log('\nStopping ocmw-flow ...');
      await this.inFlight;
      while (this.started.length > 0) {
        const { name, stop } = this.started.pop()!;
        try {
          await stop();
        } catch (err) {
          console.error(`  stopping ${name} failed:`, err);
        }
      }
      await this.endServers(); // any whose start never finished
      process.exit(code);
    })();
    return this.stopping;
  }

  private onSignal(signal: NodeJS.Signals): void {
    this.signals += 1;
    if (this.signals === 1) {
      // Fire-and-forget from a signal handler: shutdown() catches each server's failure itself and ends the process.
      void this.shutdown(0);
      return;
    }
    console.log(`${signal} again: ending ${[...this.servers.keys()].join(' and ') || 'what is left'} now`);
    // Fire-and-forget from a signal handler: endServers() settles every stop (allSettled) and never rejects.
    void this.endServers().then(() => process.exit(0));
  }

  private async endServers(): Promise<void> {
    const results = await Promise.allSettled([...this.servers.values()].map((stop) => stop()));
    const names = [...this.servers.keys()];
    results.forEach((r, i) => r.status === 'rejected' && console.error(`  stopping ${names[i]} failed:`, r.reason));
  }
}
