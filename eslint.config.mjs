// ESLint (flat config, typescript-eslint, type-aware): the rules that guard the Temporal workflow sandbox and catch
// promises nobody awaits. `npm run lint`; `npm test` runs it before jest. See README, "Lint".
import tseslint from 'typescript-eslint';

/**
 * PURE libs/ code: no Node, no database, no network, no clock: workflows may import it (and pure libs import only each
 * other). Folders, or single files as `folder/file`. Everything else under libs/ is Node side:
 *   libs/db (TypeORM), libs/infra (processes, files), libs/config (files, environment), libs/temporal (client),
 *   libs/notices except templates.ts (PDF, mail), libs/validation/{schema,ajv,standalone}.ts (the Ajv compiler).
 */
const PURE_LIBS = ['auth', 'council', 'deadlines', 'domain', 'format', 'partner-forms', 'payments', 'procedures', 'tasks', 'validation', 'notices/templates', 'notices/creditor-letters', 'notices/debt-annual-report'];
/** Node-side files inside pure folders. */
const NODE_SIDE_IN_PURE = ['validation/ajv', 'validation/schema', 'validation/standalone'];
/** Packages a pure lib may import (pure JavaScript): the password dictionaries, Ajv's runtime helpers of standalone code. */
const PURE_PACKAGES = ['@zxcvbn-ts/', 'ajv/dist/runtime/'];

const alternatives = (names) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
const up = (depth) => `(?:\\.\\./){${depth}}`;
/** Relative imports are matched by the importing file's depth below the root (the rule sees only the string). */
const DEPTHS = [1, 2, 3, 4];
const filesAtDepth = (root, depth) => [`${root}/${'*/'.repeat(depth - 1)}*.ts`];

const SANDBOX = 'Workflows run in the Temporal sandbox: import only @temporalio/workflow, sibling workflow files and pure libs/ code (see PURE_LIBS in eslint.config.mjs); `import type` of anything is fine.';
const PURITY = 'A pure lib (PURE_LIBS in eslint.config.mjs) is imported by workflows: it may import only other pure libs (and `import type` of anything).';

const restrict = (patterns) => ['error', { patterns: patterns.map((p) => ({ allowTypeImports: true, ...p })) }];

/** workflows/**: a package other than @temporalio/workflow, or a path outside workflows/ and the pure libs. */
const workflowRules = DEPTHS.map((depth) => ({
  files: filesAtDepth('workflows', depth),
  rules: {
    '@typescript-eslint/no-restricted-imports': restrict([
      { regex: '^(?!@temporalio/workflow$|\\.{1,2}/)', message: SANDBOX },
      { regex: `^${up(depth)}(?!workflows/|libs/(?:${alternatives(PURE_LIBS)})(?:/|$))`, message: SANDBOX },
      { regex: `^${up(depth)}libs/(?:${alternatives(NODE_SIDE_IN_PURE)})$`, message: SANDBOX },
    ]),
  },
}));

/** libs/<pure>/**: a package (other than PURE_PACKAGES) or a lib that is not pure. Depth counts from libs/. */
const pureLibRules = DEPTHS.map((depth) => ({
  files: PURE_LIBS.flatMap((lib) => (lib.includes('/') ? (depth === 1 ? [`libs/${lib}.ts`] : []) : [`libs/${lib}.ts`, ...filesAtDepth(`libs/${lib}`, depth)])),
  ignores: NODE_SIDE_IN_PURE.map((f) => `libs/${f}.ts`),
  rules: {
    '@typescript-eslint/no-restricted-imports': restrict([
      { regex: `^(?!\\.{1,2}/|${alternatives(PURE_PACKAGES)})`, message: PURITY },
      { regex: `^${up(depth)}(?!\\.\\./|(?:${alternatives(PURE_LIBS)})(?:/|\\.|$))`, message: PURITY },
      { regex: `^${up(depth)}\\.\\./`, message: PURITY },
      { regex: `^${up(depth)}(?:${alternatives(NODE_SIDE_IN_PURE)})$`, message: PURITY },
      { regex: `^\\./(?:${alternatives(NODE_SIDE_IN_PURE.map((f) => f.split('/')[1]))})$`, message: PURITY },
    ]),
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '**/*.generated.ts', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `void p` marks a deliberate fire-and-forget; a comment beside it says why (README, "Lint").
      '@typescript-eslint/no-floating-promises': 'error',
      // require() would slip past the import rules below.
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
  {
    // import() would slip past them too.
    files: ['workflows/**/*.ts', ...PURE_LIBS.flatMap((lib) => [`libs/${lib}.ts`, `libs/${lib}/**/*.ts`])],
    ignores: NODE_SIDE_IN_PURE.map((f) => `libs/${f}.ts`),
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'No dynamic import() in workflows and pure libs: import statically (the sandbox rules check those).' }],
    },
  },
  ...workflowRules,
  ...pureLibRules,
);
