import type { SchemaError } from '../../../libs/validation/schema';
import { ApiError, ValidationError } from './errors';

/** A JSON (or form) body is at most this large: larger is 413 before it is parsed. */
export const MAX_BODY = '256kb';
export const MAX_BODY_BYTES = 256 * 1024;
/** Objects and arrays nest at most this deep (`{"a":{"b":1}}` is 2 levels): deeper is 400 `too-deep`. */
export const MAX_DEPTH = 32;
const MAX_REPORTED = 20;

/**
 * What no route accepts, checked once for every request right after the body is parsed, before authentication,
 * validation or any use of the data: nesting deeper than MAX_DEPTH, and the NUL character (U+0000) in any key or text of
 * the body or the query (PostgreSQL cannot store it; no person types it). Iterative, so a body nested a hundred
 * thousand levels deep is refused without recursion.
 */
export function requestShapeErrors(value: unknown): { tooDeep: SchemaError | null; nul: SchemaError[] } {
  const nul: SchemaError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000') && nul.length < MAX_REPORTED) nul.push(nulError(path));
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > MAX_DEPTH) {
      return { tooDeep: { path, code: 'too-deep', message: `must not nest objects and arrays more than ${MAX_DEPTH} levels deep` }, nul };
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key.includes('\u0000') && nul.length < MAX_REPORTED) nul.push(nulError(childPath));
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return { tooDeep: null, nul };
}

const nulError = (path: string): SchemaError => ({ path, code: 'nul-character', message: 'must not contain a NUL character (U+0000)' });

interface ParsedRequest {
  body?: unknown;
  query?: unknown;
}

/** Express middleware, after the body parsers: passes a 400 in the one error shape to the ErrorFilter. */
export function checkRequestShape(req: ParsedRequest, _res: unknown, next: (err?: unknown) => void): void {
  const body = requestShapeErrors(req.body);
  if (body.tooDeep) return next(new ApiError(400, `The request body is nested more than ${MAX_DEPTH} levels deep`, { errors: [body.tooDeep] }));
  const query = requestShapeErrors(req.query);
  const nul = [...body.nul, ...query.nul];
  if (query.tooDeep) return next(new ApiError(400, `The query is nested more than ${MAX_DEPTH} levels deep`, { errors: [query.tooDeep] }));
  if (nul.length > 0) return next(new ValidationError(nul, 'The request contains a NUL character'));
  next();
}
