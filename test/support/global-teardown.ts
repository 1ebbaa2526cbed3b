export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __ocmwServers?: { stop(): Promise<void> }[] }).__ocmwServers ?? [];
  for (const server of started.reverse()) await server.stop();
}
