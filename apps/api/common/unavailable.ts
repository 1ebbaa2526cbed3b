import {
  defaultGrpcRetryOptions,
  isGrpcServiceError,
  makeGrpcRetryInterceptor,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';

/** Seconds a client is asked to wait (Retry-After) when PostgreSQL or Temporal cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

export type UnavailableService = 'database' | 'temporal';

/** Node's network error codes: the server is not there (refused, reset, unreachable, timed out, not resolvable). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01–57P03 (terminated by
 * the administrator, crash shutdown, cannot connect now), 53300 (too many connections).
 */
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const PG_MESSAGES =
  /Connection terminated|terminating connection|timeout exceeded when trying to connect|is not currently accepting connections|server closed the connection unexpectedly|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery mode)/i;
/** gRPC status 14 UNAVAILABLE: no Temporal server (after the client's own retries). */
const GRPC_UNAVAILABLE = 14;

/**
 * Which backing service an error says is unreachable, or null for any other error. PostgreSQL errors come from `pg`
 * directly or wrapped by TypeORM (`driverError`); Temporal's as the client's ServiceError around a gRPC error, or a gRPC
 * error itself. Follows `cause` / `driverError` a few levels.
 */
export function unavailableService(error: unknown): UnavailableService | null {
  let current: unknown = error;
  let fromTemporal = false;
  for (let level = 0; level < 5 && current instanceof Error; level++) {
    if (isGrpcServiceError(current)) return current.code === GRPC_UNAVAILABLE ? 'temporal' : null;
    if (current instanceof ServiceError || current instanceof WorkflowUpdateRPCTimeoutOrCancelledError) fromTemporal = true;
    const e = current as Error & { code?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    const network = NETWORK_CODES.has(code);
    if (fromTemporal && (network || /UNAVAILABLE|No connection established|failed to connect/i.test(e.message))) return 'temporal';
    if (!fromTemporal && (network || PG_UNAVAILABLE.test(code) || PG_MESSAGES.test(e.message))) return 'database';
    current = e.driverError ?? e.cause;
  }
  return null;
}

/**
 * The gRPC interceptors of the API's Temporal client: the SDK's retry of UNAVAILABLE and the like, but 5 attempts
 * (about 2 seconds) instead of 10 (about 20 seconds), so a request answers 503 soon when Temporal is down.
 */
export function apiTemporalInterceptors() {
  return [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5 }))];
}
