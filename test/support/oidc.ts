import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, test/support/oidc-provider.mjs) on `port`, with one confidential
 * client whose redirect URI is `redirectUri`. A child process: oidc-provider is an ES module, the tests are CommonJS.
 */
export async function startOidcProvider(port: number, redirectUri: string): Promise<TestOidcProvider> {
  const clientId = 'ocmw-flow-test';
  const clientSecret = 'test-client-secret-with-enough-length';
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs'), String(port), clientId, clientSecret, redirectUri], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d;
      const ready = /ready (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.once('exit', () => reject(new Error(`the OpenID provider exited:\n${output}`)));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
