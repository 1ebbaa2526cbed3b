import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { SchemaError } from '../../../libs/validation/schema';
import { TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { MAX_BODY_BYTES } from './request-limits';
import { RETRY_AFTER_SECONDS, unavailableService } from './unavailable';

interface HttpResponse {
  status(code: number): { json(body: unknown): void };
  setHeader(name: string, value: string): void;
}

/** Errors the services throw; the one filter below turns them (and Temporal's) into the API's error shape. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers that go with the error (Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class ValidationError extends ApiError {
  constructor(readonly errors: SchemaError[], message = 'The request is not valid') {
    super(400, message, { errors });
  }
}
export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new ApiError(409, message, extra);
export const forbidden = (message = 'Your role does not allow this') => new ApiError(403, message);
export const unauthorized = (message = 'Authentication required') => new ApiError(401, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ApiError(429, message, {}, { 'Retry-After': String(retryAfterSeconds) });

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    const { statusCode, body } = this.toResponse(exception);
    if (statusCode === 503) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn(`503: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof ApiError) for (const [name, value] of Object.entries(exception.headers)) res.setHeader(name, value);
    res.status(statusCode).json({ statusCode, ...body });
  }

  private toResponse(exception: unknown): { statusCode: number; body: Record<string, unknown> } {
    if (exception instanceof ApiError) {
      return { statusCode: exception.statusCode, body: { message: exception.message, ...exception.extra } };
    }
    if (exception instanceof WorkflowUpdateFailedError && exception.cause instanceof ApplicationFailure) {
      const failure = exception.cause;
      switch (failure.type) {
        case TASK_FAILURES.validation:
          return { statusCode: 400, body: { message: failure.message, errors: (failure.details?.[0] as SchemaError[]) ?? [] } };
        case TASK_FAILURES.notOpen:
          return { statusCode: 409, body: { message: 'The task is no longer open' } };
        case TASK_FAILURES.notOnAgenda:
        case TASK_FAILURES.deadlineClosed:
        case TASK_FAILURES.notSupported:
          return { statusCode: 409, body: { message: failure.message } };
        case TASK_FAILURES.wrongRole:
          return { statusCode: 403, body: { message: failure.message } };
      }
    }
    if (exception instanceof WorkflowNotFoundError) {
      return { statusCode: 409, body: { message: "The dossier's procedure is no longer running" } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      const body: Record<string, unknown> = { message: Array.isArray(message) ? message.join('; ') : String(message) };
      if (status === 400) body.errors = [{ path: '', code: 'malformed', message: body.message }];
      if (status === 413) {
        body.message = `The request body is larger than ${MAX_BODY_BYTES / 1024} KB`;
        body.errors = [{ path: '', code: 'too-large', message: body.message }];
      }
      return { statusCode: status, body };
    }
    if (concurrentChange(exception)) {
      return { statusCode: 409, body: { message: 'Another change to the same records was made at the same moment: nothing was changed, try again', code: 'concurrent-change' } };
    }
    const unavailable = unavailableService(exception);
    if (unavailable) {
      const what = unavailable === 'database' ? 'The database (PostgreSQL)' : 'The workflow engine (Temporal)';
      return { statusCode: 503, body: { message: `${what} cannot be reached right now: try again in a moment` } };
    }
    return { statusCode: 500, body: { message: 'Internal error' } };
  }
}

/**
 * PostgreSQL rolled the transaction back because of another one at the same moment: 40P01 deadlock_detected (e.g. an
 * import opening dossiers for two persons while they are merged: each waits for the other's opening lock), 40001
 * serialization_failure. Nothing changed; the same request again succeeds or is refused on its merits.
 */
function concurrentChange(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
