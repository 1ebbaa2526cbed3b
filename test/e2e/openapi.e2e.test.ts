import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIONS, Action, scopeOf } from '../../libs/auth/permissions';
import { ROLES } from '../../libs/auth/roles';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/**
 * The OpenAPI document against the routes the Nest router really serves: every route is in it, with its request
 * (body, query, path parameters), its success response with a schema, and the errors it can answer in the one error
 * shape. A route added without its declarations fails here. The document is built from the compiled app
 * (`npm run openapi`, the same as /docs-json) and must be valid OpenAPI 3.1 (the OAI's own JSON Schema of it).
 */

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/openapi.js');

interface Route {
  method: string;
  path: string;
  handler?: { controller: string; method: string; body: boolean; query: boolean; public: boolean };
}
interface Response {
  description: string;
  content?: Record<string, { schema?: Record<string, unknown> }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, Response>;
  security?: unknown[];
  'x-permission'?: string;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

/** What the router serves that is not API: the OpenAPI page itself and the web app (excluded from the document). */
const NOT_API = [/^\/docs/, /^\/$/, /^\/app(\/|$)/];
/** Routes every role may call, that apply no permission of the matrix. */
// Routes every signed-in role may use, with no row in the permission matrix: one's own password, the procedure definitions, who is signed in.
const NO_PERMISSION = ['post /users/me/password', 'get /procedures', 'get /ocmws', 'get /auth/me'];

const run = (...args: string[]) => JSON.parse(execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');
const refusedSomewhere = (action: Action) => ROLES.some((role) => ['none', 'own'].includes(scopeOf(role, action)));

describe('OpenAPI document (e2e)', () => {
  let document: Document;
  let routes: Route[];
  let operations: { key: string; route: Route; op: Operation }[];
  let sys: TestSystem;

  beforeAll(async () => {
    if (!fs.existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
    document = run();
    routes = run('--routes').filter((r: Route) => !NOT_API.some((re) => re.test(r.path)));
    operations = routes.map((route) => ({ key: `${route.method} ${route.path}`, route, op: document.paths[openApiPath(route.path)]?.[route.method] }));
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('is the document the running API serves at /docs-json', async () => {
    const res = await sys.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(document);
  });

  it('is valid OpenAPI 3.1: the OAI schema, JSON Schema 2020-12 schemas, resolvable refs, declared path parameters', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('media-range', true);
    // The OAI schema reaches Schema Objects through `$dynamicRef: #meta` (so that a dialect can extend them); with no
    // such extension it is `$ref: #/$defs/schema`, which Ajv resolves (its $dynamicRef lands on the wrong $defs).
    const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/openapi/oas-3.1-schema.json'), 'utf8');
    const oas = JSON.parse(text.replace(/"\$dynamicRef": "#meta"/g, '"$ref": "#/$defs/schema"'));
    const validate = ajv.compile(oas);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(document.openapi).toBe('3.1.0');

    const problems: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${where}/${i}`));
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string') {
          const target = child.replace(/^#\//, '').split('/').reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
          if (target === undefined) problems.push(`${where}: $ref ${child} does not resolve`);
        } else if (key === 'schema' && !ajv.validateSchema(child as object)) {
          problems.push(`${where}/schema: ${ajv.errorsText(ajv.errors)}`);
        }
        visit(child, `${where}/${key}`);
      }
    };
    visit(document.paths, '#/paths');
    for (const [name, schema] of Object.entries(document.components.schemas)) if (!ajv.validateSchema(schema as object)) problems.push(`schema ${name}`);

    const ids = new Set<string>();
    for (const [template, item] of Object.entries(document.paths)) {
      const inTemplate = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        if (JSON.stringify(declared.map((p) => p.name).sort()) !== JSON.stringify(inTemplate)) problems.push(`${method} ${template}: path parameters`);
        if (declared.some((p) => p.required !== true)) problems.push(`${method} ${template}: a path parameter is not required`);
        if (ids.has(op.operationId)) problems.push(`${method} ${template}: operationId ${op.operationId} twice`);
        ids.add(op.operationId);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists exactly the routes the router serves', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !r.handler).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const served = routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();
    const documented = Object.entries(document.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(served);
  });

  it('declares for every route its request, a success response with a schema, and its errors in the one error shape', () => {
    const problems: string[] = [];
    const missing = (key: string, what: string) => problems.push(`${key}: ${what}`);
    for (const { key, route, op } of operations) {
      const handler = route.handler!;
      if (handler.body) {
        // JSON, or an upload (multipart/form-data: the file and its fields).
        const schema = op.requestBody?.content?.['application/json']?.schema ?? op.requestBody?.content?.['multipart/form-data']?.schema;
        if (!schema || Object.keys(schema).length === 0 || schema.type === 'object' && !schema.properties) missing(key, 'request body schema');
        if (!op.responses['413']) missing(key, '413');
      } else if (op.requestBody) missing(key, 'a request body it does not read');
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      if (handler.query !== query.length > 0) missing(key, handler.query ? 'query parameters' : 'query parameters it does not read');
      if (query.some((p) => !p.schema)) missing(key, 'a query parameter schema');

      // A success, or (single sign-on's steps) a redirect that says where to with its Location.
      const success = Object.entries(op.responses).filter(([status]) => /^[23]/.test(status));
      if (success.length !== 1) missing(key, `one success response (has ${success.map(([s]) => s).join(', ') || 'none'})`);
      for (const [status, response] of success) {
        if (status.startsWith('3')) {
          if (!response.headers?.Location || !response.description) missing(key, `${status} Location and description`);
          continue;
        }
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        if (status === '204' ? schemas.length > 0 : schemas.length === 0 || schemas.some((s) => !s || Object.keys(s).length === 0)) missing(key, `${status} schema`);
        if (!response.description) missing(key, `${status} description`);
      }

      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      for (const [status, response] of errors) {
        if (response.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorResponse') missing(key, `${status} in the error shape`);
        if ((status === '429' || status === '503') && !response.headers?.['Retry-After']) missing(key, `${status} Retry-After`);
      }
      const has = (status: number) => String(status) in op.responses;
      // Every request can be refused for its shape (a NUL character, nesting) and needs PostgreSQL or Temporal.
      for (const status of [400, 503]) if (!has(status)) missing(key, String(status));
      if (!handler.public) {
        if (!has(401)) missing(key, '401');
        if (!op.security?.length) missing(key, 'the bearer security requirement');
        const permission = op['x-permission'];
        if (!permission && !NO_PERMISSION.includes(key)) missing(key, 'x-permission');
        if (permission && !(ACTIONS as readonly string[]).includes(permission)) missing(key, `unknown permission ${permission}`);
        if (permission && refusedSomewhere(permission as Action) !== has(403)) missing(key, `403 ${has(403) ? 'declared but no role is refused' : ''}`);
      } else if (op.security?.length) missing(key, 'a security requirement on a public route');
      if (route.path.includes(':') && !has(404)) missing(key, '404 (an unknown or malformed id)');
    }
    expect(problems).toEqual([]);
  });

  it('declares the login throttle (429), and only there', () => {
    const throttled = operations.filter(({ op }) => '429' in op.responses).map(({ key }) => key);
    expect(throttled).toEqual(['post /auth/login']);
  });

  it('declares the errors the API answers: an unknown id, no token, the role, a conflict, a bad body', async () => {
    const declared = (method: string, p: string) => Object.keys(document.paths[p][method].responses);
    expect((await sys.http.get('/dossiers/not-a-uuid').set(sys.as('admin'))).status).toBe(404);
    expect(declared('get', '/dossiers/{id}')).toContain('404');
    expect((await sys.http.get('/tasks')).status).toBe(401);
    expect(declared('get', '/tasks')).toContain('401');
    expect((await sys.http.get('/users').set(sys.as('social-worker'))).status).toBe(403);
    expect(declared('get', '/users')).toContain('403');
    const noBody = await sys.http.post('/persons').set(sys.as('social-worker')).send({});
    expect(noBody.status).toBe(400);
    expect(noBody.body).toEqual({ statusCode: 400, message: expect.any(String), errors: expect.any(Array) });
    const self = (await sys.http.get('/users').set(sys.as('admin'))).body.items.find((u: { username: string }) => u.username === 'admin');
    expect((await sys.http.post(`/users/${self.id}/deactivate`).set(sys.as('admin'))).status).toBe(409);
    expect(declared('post', '/users/{id}/deactivate')).toContain('409');
  });

  it('answers what it declares: real responses match their success schemas', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const answers = async (method: 'get' | 'post', url: string, user: string | null, body?: object) => {
      const template = Object.keys(document.paths).find((p) => new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`).test(url.split('?')[0]))!;
      const req = sys.http[method](url);
      const res = await (user ? req.set(sys.as(user)) : req).send(body);
      const schema = document.paths[template][method].responses[String(res.status)]?.content?.['application/json']?.schema;
      const resolved = typeof schema?.$ref === 'string' ? (document.components.schemas[schema.$ref.split('/').pop()!] as object) : schema;
      const validate = resolved ? ajv.compile(resolved) : null;
      return { status: res.status, body: res.body, problems: validate && !validate(res.body) ? ajv.errorsText(validate.errors) : schema ? '' : `no schema for ${res.status}` };
    };
    const person = await answers('post', '/persons', 'social-worker', {
      nationalNumber: VALID_NATIONAL_NUMBERS[0],
      firstName: 'Mira',
      lastName: 'Peeters',
      address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
      iban: VALID_IBANS[0],
    });
    expect(person).toMatchObject({ status: 201, problems: '' });
    const dossier = await answers('post', '/dossiers', 'social-worker', { procedure: 'leefloon', personId: person.body.id, requestDate: todayInBrussels() });
    expect(dossier).toMatchObject({ status: 201, problems: '' });
    await eventually(async () => ((await sys.http.get('/tasks').set(sys.as('social-worker'))).body.total > 0 ? true : undefined));
    const task = (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items[0];
    const reads: [string, string][] = [
      [`/persons/${person.body.id}`, 'social-worker'],
      [`/persons?nationalNumber=${VALID_NATIONAL_NUMBERS[0]}`, 'social-worker'],
      ['/dossiers', 'social-worker'],
      [`/dossiers/${dossier.body.id}`, 'social-worker'],
      [`/dossiers/${dossier.body.id}/audit`, 'team-lead'],
      [`/dossiers/${dossier.body.id}/notices`, 'social-worker'],
      ['/tasks', 'social-worker'],
      [`/tasks/${task.id}`, 'social-worker'],
      ['/dashboard/deadlines', 'team-lead'],
      ['/dashboard/workload', 'team-lead'],
      ['/escalations', 'team-lead'],
      ['/team/reassignments', 'team-lead'],
      ['/legal-deadlines/rules', 'social-worker'],
      ['/partner-messages', 'team-lead'],
      ['/council/meetings', 'council-secretary'],
      ['/payments', 'finance'],
      ['/payment-batches', 'finance'],
      ['/users', 'admin'],
    ];
    for (const [url, user] of reads) expect({ url, ...(await answers('get', url, user)), body: undefined }).toEqual({ url, status: 200, problems: '', body: undefined });
    const meeting = (await sys.http.get('/council/meetings').set(sys.as('council-secretary'))).body.items[0];
    expect(await answers('get', `/council/meetings/${meeting.id}`, 'council-secretary')).toMatchObject({ status: 200, problems: '' });
    expect(await answers('post', `/tasks/${task.id}/claim`, 'social-worker')).toMatchObject({ status: 200, problems: '' });
    expect(await answers('post', '/legal-deadlines/compute', 'social-worker', { ruleId: 'LL-3', trigger: todayInBrussels() })).toMatchObject({ status: 200, problems: '' });
    expect(await answers('get', '/health', null)).toMatchObject({ status: 200, problems: '' });
    expect(await answers('post', '/auth/login', null, { username: 'finance', password: 'demo' })).toMatchObject({ status: 200, problems: '' });
    // And the errors, in the one shape.
    expect(await answers('post', '/auth/login', null, { username: 'finance', password: 'wrong' })).toMatchObject({ status: 401, problems: '' });
    expect(await answers('get', '/users', 'social-worker')).toMatchObject({ status: 403, problems: '' });
  });
});
