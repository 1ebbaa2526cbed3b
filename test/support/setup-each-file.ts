import { DefaultLogger, Runtime } from '@temporalio/worker';

// Keep test output readable: the SDK's worker state changes are INFO.
try {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: 'ERROR' } } as never });
} catch {
  // already installed in this process
}
