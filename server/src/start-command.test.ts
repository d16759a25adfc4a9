import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './testing/redis-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `scripts/build.mjs --if-stale` on a copy of the repository's layout with a stand-in pnpm
 * (npm_execpath) that only writes the outputs and counts its calls.
 */
describe('pnpm start: build only when the sources changed', () => {
  let tree = '';
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  };
  /** A copy of the build script in the repository's layout, with a stand-in pnpm that writes the outputs and logs its calls. */
  beforeAll(() => {
    tree = mkdtempSync(join(tmpdir(), 'start-tree-'));
    write('scripts/build.mjs', readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8'));
    for (const f of ['shared/src/index.ts', 'server/src/main.ts', 'widget/src/embed.ts', 'console/src/main.tsx', 'locales/en/widget.json', 'package.json', 'pnpm-lock.yaml']) write(f, `// ${f}\n`);
    write('server/src/main.test.ts', '// a test\n');
    write(
      'fake-pnpm.cjs',
      `const fs = require('node:fs'); const path = require('node:path');
       fs.appendFileSync(path.join(${JSON.stringify(tree)}, 'builds.log'), process.argv.slice(2).join(' ') + '\\n');
       for (const o of ['shared/dist/index.js', 'shared/dist/package.json', 'server/dist/main.js', 'server/dist/node_modules/@introserv/shared/index.js', 'widget/dist/loader.js', 'widget/dist/chat.js', 'console/dist/index.html']) {
         fs.mkdirSync(path.dirname(path.join(${JSON.stringify(tree)}, o)), { recursive: true }); fs.writeFileSync(path.join(${JSON.stringify(tree)}, o), '');
       }`,
    );
  });
  afterAll(() => rmSync(tree, { recursive: true, force: true }));
  const start = () => {
    const run = spawnSync(process.execPath, [join(tree, 'scripts/build.mjs'), '--if-stale'], { env: { ...process.env, npm_execpath: join(tree, 'fake-pnpm.cjs') }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    return existsSync(join(tree, 'builds.log')) ? readFileSync(join(tree, 'builds.log'), 'utf8').trim().split('\n').length : 0;
  };
  const later = (path: string) => {
    const t = new Date(Date.now() + 5_000);
    utimesSync(join(tree, path), t, t);
  };

  it('builds a fresh tree, then starts without building until a source, a locale or the lockfile changes', () => {
    expect(start()).toBe(1); // a fresh clone: nothing built yet
    expect(readFileSync(join(tree, 'builds.log'), 'utf8')).toContain('--filter @introserv/shared --filter @introserv/server --filter @introserv/widget --filter @introserv/console build');
    expect(start()).toBe(1); // built: nothing to do
    later('server/src/main.test.ts');
    expect(start()).toBe(1); // a test is not built
    later('shared/src/index.ts');
    expect(start()).toBe(2);
    expect(start()).toBe(2);
    write('locales/en/console.json', '{}');
    expect(start()).toBe(3); // a new file counts
    later('pnpm-lock.yaml');
    expect(start()).toBe(4);
    rmSync(join(tree, 'widget/dist/loader.js'));
    expect(start()).toBe(5); // an output went missing
    expect(start()).toBe(5);
  });
});

// Built from the sources as they are now (a stale tree would build first, which is not what is tested here).
const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--check']).status === 0;
if (!built && process.env.CI === 'true') throw new Error('the tree is not built from its current sources: `pnpm test` builds before the tests run');

/** The real `pnpm start` of this (built) checkout, as a person at a terminal runs it and stops it with Ctrl+C. */
describe.skipIf(!built)('pnpm start on a built tree', () => {
  it('starts without building, and Ctrl+C stops it cleanly: exit 0, no pnpm error', async () => {
    const port = await freePort();
    // Its own process group, so that SIGINT reaches pnpm, the shell and node together, as Ctrl+C does.
    const child = spawn('pnpm', ['start'], {
      cwd: ROOT,
      detached: true,
      env: { ...withoutRedis(process.env), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'start-command-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0), { timeout: 30_000, interval: 100 }).toBe(200);
    expect(out).toContain('build is up to date');
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(out).not.toMatch(/ELIFECYCLE|ERR_PNPM|Command failed/);
  }, 40_000);

  it('runs as docs/OPERATIONS.md writes it: `node server/dist/main.js`, no flags, from any folder', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
      cwd: tmpdir(),
      env: { ...withoutRedis(process.env), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'start-command-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    await expect.poll(async () => (child.exitCode === null ? fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0) : `exited: ${out}`), { timeout: 20_000, interval: 100 }).toBe(200);
    // Compiled JavaScript all the way: the demo page and the widget come from the build.
    expect((await fetch(`http://127.0.0.1:${port}/widget/loader.js`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

/** The memory store: this test is about starting and stopping, not about Redis. */
function withoutRedis(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('REDIS_')));
}
