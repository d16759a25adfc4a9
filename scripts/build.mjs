// @ts-check
/**
 * `pnpm build`: shared and server (tsc), widget and console (Vite), then a fingerprint of
 * the sources they were built from. `pnpm start` runs this with `--if-stale` first: when the
 * fingerprint still matches and every output is there, nothing is built, so restarting a
 * built tree costs a walk over the source folders (tens of ms) instead of the 20–60 s build,
 * and a fresh clone's first start still builds.
 *
 * The fingerprint is the path, size and modification time of every file that goes into a
 * build (tests and test configs left out), taken before the build starts: a file saved during
 * a build makes the next start build again.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['shared', 'server', 'widget', 'console'];
/** What the build reads besides the packages' own folders. */
const INPUTS = ['locales', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];
/** What it leaves behind; a missing one means "build", whatever the fingerprint says. */
const OUTPUTS = ['shared/dist/index.js', 'shared/dist/package.json', 'server/dist/main.js', 'server/dist/node_modules/@introserv/shared/index.js', 'widget/dist/loader.js', 'widget/dist/chat.js', 'console/dist/index.html'];
const STAMP = join(ROOT, 'node_modules', '.cache', 'introserv', 'build-fingerprint');
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);
const NOT_BUILT = /\.test\.tsx?$|\.test-d\.ts$|\.contract\.ts$|^vitest\.config\.ts$/;

/** @param {string} path @param {string[]} out */
function walk(path, out) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (SKIPPED_DIRS.has(name) || name.startsWith('.')) continue;
      walk(join(path, name), out);
    }
  } else if (!NOT_BUILT.test(path.slice(path.lastIndexOf('/') + 1))) {
    out.push(`${relative(ROOT, path)}\0${stat.size}\0${stat.mtimeMs}`);
  }
}

function fingerprint() {
  /** @type {string[]} */
  const lines = [];
  for (const p of [...PACKAGES, ...INPUTS]) walk(join(ROOT, p), lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function upToDate(/** @type {string} */ current) {
  if (!OUTPUTS.every((o) => existsSync(join(ROOT, o)))) return false;
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === current;
}

const ifStale = process.argv.includes('--if-stale');
const current = fingerprint();
// --check: only say (exit 0 up to date, 1 not), for tests that need the built tree as it is.
if (process.argv.includes('--check')) process.exit(upToDate(current) ? 0 : 1);
if (ifStale && upToDate(current)) {
  process.stdout.write('build is up to date (sources unchanged since the last build)\n');
  process.exit(0);
}
if (ifStale) process.stdout.write('sources changed since the last build (or nothing is built yet): building first\n');
const filters = PACKAGES.flatMap((p) => ['--filter', `@introserv/${p}`]);
// The pnpm that runs this script (npx may have brought it, off PATH), else the one on PATH.
const execPath = process.env.npm_execpath ?? '';
const [command, ...prefix] = /pnpm/.test(execPath) ? [process.execPath, execPath] : ['pnpm'];
const run = spawnSync(command, [...prefix, ...filters, 'build'], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
mkdirSync(dirname(STAMP), { recursive: true });
writeFileSync(STAMP, `${current}\n`);
