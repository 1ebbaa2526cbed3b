/**
 * The one JSON Schema validator: Ajv (draft 2020-12) with this project's keywords.
 *
 * Node side only (the API, tests, the generator of the standalone validators): Ajv compiles schemas with `new Function`.
 * Workflows never import this file; they use the standalone validators generated from the same schemas with the same
 * keywords (`npm run generate:validators`, see `libs/validation/standalone.ts`).
 */
import Ajv2020, { _, KeywordCxt, KeywordDefinition, Name } from 'ajv/dist/2020';
import N from 'ajv/dist/compile/names';
import { KEYWORD_CHECKS } from './checks';

/** How a standalone module reaches `checks.ts`: a require path relative to the generated file. */
export interface AjvFactoryOptions {
  standalone?: { checksModule: string };
}

const EXPORT_NAMES: Record<keyof typeof KEYWORD_CHECKS, string> = {
  format: 'formatFailure',
  'x-notFuture': 'notFutureFailure',
  'x-notPast': 'notPastFailure',
  'x-maxYearsAhead': 'maxYearsAheadFailure',
};

function keyword(name: keyof typeof KEYWORD_CHECKS, schemaType: 'string' | 'boolean' | 'number', checksModule: string): KeywordDefinition {
  const exportName = EXPORT_NAMES[name];
  return {
    keyword: name,
    type: 'string',
    schemaType,
    error: {
      message: ({ params }) => _`${params.failure as Name}.message`,
      params: ({ params }) => _`{code: ${params.failure as Name}.code, message: ${params.failure as Name}.message}`,
    },
    code(cxt: KeywordCxt) {
      const fn = cxt.gen.scopeValue('func', { ref: KEYWORD_CHECKS[name], code: _`require(${checksModule}).${new Name(exportName)}` });
      const failure = cxt.gen.const('failure', _`${fn}(${cxt.schemaCode}, ${cxt.data}, ${N.this})`);
      cxt.setParams({ failure });
      cxt.fail(_`${failure} !== null`);
    },
  };
}

/** A fresh Ajv with the project's keywords; all errors, the validate options passed as `this`. */
export function createAjv(options: AjvFactoryOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    passContext: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateFormats: false,
    code: options.standalone ? { source: true, esm: true, lines: true } : {},
  });
  const checksModule = options.standalone?.checksModule ?? './checks';
  ajv.removeKeyword('format');
  ajv.addKeyword(keyword('format', 'string', checksModule));
  ajv.addKeyword(keyword('x-notFuture', 'boolean', checksModule));
  ajv.addKeyword(keyword('x-notPast', 'boolean', checksModule));
  ajv.addKeyword(keyword('x-maxYearsAhead', 'number', checksModule));
  // An annotation for the forms, no rule: the field's value is picked from a list the web app reads (PICK_SOURCES).
  ajv.addKeyword({ keyword: 'x-pick', schemaType: 'string' });
  return ajv;
}
