import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtension, ApiParam, ApiProduces, ApiQuery, ApiResponse, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Action, scopeOf } from '../../../libs/auth/permissions';
import { ROLES } from '../../../libs/auth/roles';
import type { JsonSchema } from '../../../libs/validation/schema';
import { MAX_BODY_BYTES } from './request-limits';
import { RETRY_AFTER_SECONDS } from './unavailable';

/**
 * How the routes describe themselves in the OpenAPI document (served at /docs, /docs-json; `npm run openapi`). The
 * document is OpenAPI 3.1, whose Schema Object is JSON Schema 2020-12: the request schemas are the very objects the
 * SchemaPipe validates with (and the task outcome schemas the workflows validate with), handed to swagger as they are.
 */

/** A response (or request) schema: JSON Schema, as OpenAPI 3.1 takes it. */
export type Schema = JsonSchema | Record<string, unknown>;

const asSwagger = (schema: Schema) => schema as Record<string, never>;

// Shorthands for the response schemas the controllers declare.
export const STRING = { type: 'string' } as const;
export const UUID = { type: 'string', format: 'uuid' } as const;
export const DATE = { type: 'string', format: 'date' } as const;
export const DATE_TIME = { type: 'string', format: 'date-time' } as const;
export const INTEGER = { type: 'integer' } as const;
export const BOOLEAN = { type: 'boolean' } as const;
/** Free JSON (a stored outcome, a computation, a payload). */
export const ANY = {} as const;
/** The same schema, or null. */
export function nullable(schema: Schema): Schema {
  const type = (schema as { type?: string }).type;
  return type ? { ...schema, type: [type, 'null'] } : { anyOf: [schema, { type: 'null' }] };
}
/** An object with these properties (more may come: responses grow, clients ignore what they do not know). */
export function object(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}
export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
/** `{ items, total }`, the shape of every list; `paged` adds page and pageSize. */
export const listOf = (item: Schema, paged = false): Schema =>
  object({ items: arrayOf(item), total: INTEGER, ...(paged ? { page: INTEGER, pageSize: INTEGER } : {}) }, ['items', 'total']);

/** The one error shape (./errors.ts ErrorFilter), declared once as a component and referenced by every error response. */
export const ERROR_RESPONSE = 'ErrorResponse';
export const ERROR_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    message: { type: 'string', description: 'What went wrong, for a person (English)' },
    code: { type: 'string', description: 'On some refusals, the reason as a stable code a screen says in its own words (closing a session: already-closed, not-yet-held, undecided-items)' },
    errors: {
      type: 'array',
      description: 'On a 400: every problem found, each at its JSON Pointer into the body or query',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        properties: { path: { type: 'string', description: "JSON Pointer: '' (the whole), '/address/postalCode'" }, code: STRING, message: STRING },
      },
    },
  },
  description: 'Some errors carry more (a 409 on closing a session: code, openItems, date).',
} as const;

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The request is not valid (schema, NUL character, nesting): nothing changed; `errors` lists every problem',
  401: 'No valid bearer token (missing, expired, revoked), or wrong credentials',
  403: 'Your role does not allow this',
  404: 'Not found, not a UUID, or it belongs to another team',
  409: 'Conflicts with the current state (already decided, no longer open, claimed by someone else, …): nothing changed',
  413: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB`,
  422: 'Understood, but it cannot be done with the data as they are (a payment file that cannot be built)',
  429: 'Too many failed logins for this username or from this address: try again after Retry-After seconds',
  503: 'PostgreSQL or Temporal cannot be reached right now: try again after Retry-After seconds',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', example: RETRY_AFTER_SECONDS } } };

/** The error responses a route can answer, each in the one error shape. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status],
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_RESPONSE}` } } },
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );
}

/**
 * On a controller whose every route requires a bearer token: the security requirement and what any such route can
 * answer — 400 (a NUL character or too deep a nesting in the query, checked for every request), 401 (the guard),
 * 503 (PostgreSQL or Temporal unavailable).
 */
export function ApiAuthenticated(): ClassDecorator {
  return applyDecorators(ApiBearerAuth(), ApiErrors(400, 401, 503));
}

/** The request body: this JSON Schema (the one its SchemaPipe validates with); a larger body than allowed is 413. */
export function ApiBodySchema(schema: Schema, description?: string): MethodDecorator {
  return applyDecorators(ApiBody({ required: true, schema: asSwagger(schema), ...(description ? { description } : {}) }), ApiErrors(413));
}

/** The query: one parameter per property of this JSON Schema (the one its SchemaPipe validates with). */
export function ApiQuerySchema(schema: JsonSchema): MethodDecorator {
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: asSwagger(property), ...(property.description ? { description: property.description } : {}) }),
    ),
  );
}

/** Path parameters that are UUIDs (anything else is 404, like an unknown id). */
export function ApiUuidParams(...names: string[]): MethodDecorator {
  return applyDecorators(...names.map((name) => ApiParam({ name, required: true, schema: asSwagger(UUID) })));
}

/** The success response: its status (200 unless the route answers 201) and its JSON schema. */
export function ApiOk(schema: Schema, description = 'Done', status: 200 | 201 = 200): MethodDecorator {
  return ApiResponse({ status, description, content: { 'application/json': { schema: asSwagger(schema) } } });
}

/** The success response is a file download (PDF, XML, CSV, …), attached. */
export function ApiFile(description: string, ...contentTypes: string[]): MethodDecorator {
  const content = Object.fromEntries(contentTypes.map((type) => [type, { schema: asSwagger({ type: 'string', contentMediaType: type }) }]));
  return applyDecorators(
    ApiProduces(...contentTypes),
    ApiResponse({ status: 200, description, content, headers: { 'Content-Disposition': { description: 'attachment; filename="…"', schema: STRING } } }),
  );
}

/** The success response is JSON, or the same data as a file download in one of these types (content negotiation). */
export function ApiOkOrFile(schema: Schema, description: string, ...fileTypes: string[]): MethodDecorator {
  const files = Object.fromEntries(fileTypes.map((type) => [type, { schema: asSwagger({ type: 'string', contentMediaType: type }) }]));
  return applyDecorators(
    ApiProduces('application/json', ...fileTypes),
    ApiResponse({
      status: 200,
      description,
      content: { 'application/json': { schema: asSwagger(schema) }, ...files },
      headers: { 'Content-Disposition': { description: 'With a file: attachment; filename="…"', schema: STRING } },
    }),
  );
}

/** The success response has no body. */
export function ApiNoContent(description: string): MethodDecorator {
  return ApiResponse({ status: 204, description });
}

/** A redirect (302 Found) to where `description` says. */
export function ApiFound(description: string): MethodDecorator {
  return ApiResponse({ status: 302, description, headers: { Location: { schema: { type: 'string' } } } });
}

/** The OpenAPI 3.1 document of the app's routes, with the error shape as a component. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('ocmw-flow')
      .setDescription('Aid procedures of the OCMW social service: persons, dossiers, human tasks, deadlines.')
      .setVersion('0.1')
      .addBearerAuth()
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [ERROR_RESPONSE]: asSwagger(ERROR_RESPONSE_SCHEMA) } };
  return document;
}

/**
 * The permission of the matrix (libs/auth/permissions) the route applies, as `x-permission`; and 403 when a role is
 * refused it (scope 'none') or may act only on what is meant for its role ('own').
 */
export function ApiPermission(action: Action): MethodDecorator {
  const refused = ROLES.some((role) => ['none', 'own'].includes(scopeOf(role, action)));
  return applyDecorators(ApiExtension('x-permission', action), ...(refused ? [ApiErrors(403)] : []));
}
