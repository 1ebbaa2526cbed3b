import { execFile } from 'node:child_process';
import * as path from 'node:path';

/**
 * The lint rules that guard the Temporal workflow sandbox (eslint.config.mjs), run through ESLint's Node API on small
 * in-memory files placed where the rules apply: a workflow, a pure lib, and code outside both. ESLint loads its config
 * with import(), which Jest's module sandbox refuses: every probe is linted in one plain Node process, fed on stdin.
 * The probes do not exist on disk, so TypeScript sees them in its default project (the rules are those of the config).
 */
const ROOT = path.resolve(__dirname, '../..');
const RESTRICTED = '@typescript-eslint/no-restricted-imports';

const SCRIPT = `
const { ESLint } = require('eslint');
const path = require('node:path');
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const probes = JSON.parse(input);
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*/lint-probe-*.ts', '*/*/lint-probe-*.ts', '*/*/*/lint-probe-*.ts'], maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 64 } } } },
  });
  const out = [];
  for (const { file, code } of probes) {
    const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
    out.push(result.messages.map((m) => m.line + ':' + (m.ruleId ?? m.message)));
  }
  process.stdout.write(JSON.stringify(out));
});
`;

interface Probe {
  file: string;
  code: string;
}
const probes: Probe[] = [];
let results: Promise<string[][]> | undefined;

/** Registers a probe; its problems come from the one ESLint run, started when the first test asks. */
function lint(file: string, code: string): () => Promise<string[]> {
  const i = probes.push({ file: file.replace(/\.ts$/, `-${probes.length}.ts`), code }) - 1;
  return async () => (await (results ??= runEslint()))[i];
}

function runEslint(): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', SCRIPT], { cwd: ROOT, maxBuffer: 1 << 22 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as string[][]),
    );
    child.stdin!.end(JSON.stringify(probes));
  });
}

const refusedInWorkflows = [
  ["import { readFileSync } from 'node:fs';", 'a Node module'],
  ["import * as fs from 'fs';", 'a Node module without node:'],
  ["import { DataSource } from 'typeorm';", 'TypeORM'],
  ["import { Client } from '@temporalio/client';", 'the Temporal client'],
  ["import { Context } from '@temporalio/activity';", 'the activity API'],
  ["import { DossierEntity } from '../../libs/db/entities';", 'the database lib'],
  ["import { loadConfig } from '../../libs/config/config';", 'configuration (files, environment)'],
  ["import { validateSchema } from '../../libs/validation/schema';", 'the Ajv compiler'],
  ["import { createActivities } from '../../activities';", 'activities'],
  ["export { loadConfig } from '../../libs/config/config';", 'a re-export'],
].map(([line, what]) => ({ line, what, problems: lint('workflows/leefloon/lint-probe.ts', `${line}\nexport const probe = 1;\n`) }));

const workflowEscapes = lint('workflows/leefloon/lint-probe.ts', "export const fs = require('node:fs') as unknown;\nexport const later = () => import('node:fs');\n");

const workflowAllowed = lint(
  'workflows/leefloon/lint-probe.ts',
  [
    "import { sleep } from '@temporalio/workflow';",
    "import { notifyDecision } from './decision-notice';",
    "import { Dossier } from '../shared/dossier-runtime';",
    "import { addDays } from '../../libs/deadlines/calendar-date';",
    "import { formatEuro } from '../../libs/format/dutch';",
    "import { validateOutcome } from '../../libs/tasks/task-kinds';",
    "import type { DataSource } from 'typeorm';",
    "import type { AgendaProposal } from '../../libs/db/entities/agenda-item.entity';",
    "import type { Activities } from '../../activities';",
    'export const probe = [sleep, notifyDecision, Dossier, addDays, formatEuro, validateOutcome];',
    'export type Probe = [DataSource, AgendaProposal, Activities];',
    '',
  ].join('\n'),
);

const workflowTop = lint('workflows/lint-probe.ts', "import { DataSource } from 'typeorm';\nimport { x } from '../libs/db/outbox';\nexport const p = [DataSource, x];\n");
const workflowDeep = lint(
  'workflows/leefloon/sub/lint-probe.ts',
  "import { x } from '../../../libs/infra/project-root';\nimport { y } from '../../shared/dossier-runtime';\nexport const p = [x, y];\n",
);

const refusedInPureLibs = [
  ['libs/payments/lint-probe.ts', "import * as fs from 'node:fs';"],
  ['libs/payments/lint-probe.ts', "import { Pool } from 'pg';"],
  ['libs/tasks/lint-probe.ts', "import { Injectable } from '@nestjs/common';"],
  ['libs/deadlines/lint-probe.ts', "import { audit } from '../db/audit';"],
  ['libs/deadlines/lint-probe.ts', "import { x } from '../../apps/api/main';"],
  ['libs/validation/lint-probe.ts', "import { createAjv } from './ajv';"],
  ['libs/tasks/lint-probe.ts', "import { validateSchema } from '../validation/schema';"],
  ['libs/council/sub/lint-probe.ts', "import { DataSource } from 'typeorm';"],
].map(([file, line]) => ({ file, line, problems: lint(file, `${line}\nexport const probe = 1;\n`) }));

const pureAllowed = lint(
  'libs/payments/lint-probe.ts',
  [
    "import { addDays } from '../deadlines/calendar-date';",
    "import { runValidator } from '../validation/checks';",
    "import type { SchemaError } from '../validation/schema';",
    "import type { DataSource } from 'typeorm';",
    'export const probe = [addDays, runValidator];',
    'export type Probe = [SchemaError, DataSource];',
    '',
  ].join('\n'),
);
const nodeSide = lint('libs/db/lint-probe.ts', "import * as fs from 'node:fs';\nexport const probe = fs;\n");

const floating = ['apps/api/lint-probe.ts', 'activities/lint-probe.ts', 'libs/db/lint-probe.ts', 'workflows/shared/lint-probe.ts', 'test/lint-probe.ts', 'bench/lint-probe.ts'].map(
  (file) => ({ file, problems: lint(file, 'async function work(): Promise<void> {}\nwork();\nvoid work(); // deliberate fire-and-forget\n') }),
);

describe('workflows/**: only @temporalio/workflow, sibling workflow files, pure libs, and import type of anything', () => {
  it.each(refusedInWorkflows)('$line is refused ($what)', async ({ problems }) => {
    expect(await problems()).toEqual([`1:${RESTRICTED}`]);
  });

  it('refuses require() and import(), which would slip past the import rule', async () => {
    expect(await workflowEscapes()).toEqual(['1:@typescript-eslint/no-require-imports', '2:no-restricted-syntax']);
  });

  it('accepts @temporalio/workflow, sibling workflow files, pure libs, and import type of anything', async () => {
    expect(await workflowAllowed()).toEqual([]);
  });

  it('applies at every depth under workflows/', async () => {
    expect(await workflowTop()).toEqual([`1:${RESTRICTED}`, `2:${RESTRICTED}`]);
    expect(await workflowDeep()).toEqual([`1:${RESTRICTED}`]);
  });
});

describe('pure libs import only pure libs', () => {
  it.each(refusedInPureLibs)('$file: $line is refused', async ({ problems }) => {
    expect(await problems()).toEqual([`1:${RESTRICTED}`]);
  });

  it('accepts other pure libs and import type of Node-side code', async () => {
    expect(await pureAllowed()).toEqual([]);
  });

  it('leaves Node-side code free to import Node', async () => {
    expect(await nodeSide()).toEqual([]);
  });
});

describe('no-floating-promises, everywhere', () => {
  it.each(floating)('$file: an unawaited promise is an error, `void` marks a deliberate one', async ({ problems }) => {
    expect(await problems()).toEqual(['2:@typescript-eslint/no-floating-promises']);
  });
});
