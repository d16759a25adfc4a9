/**
 * Helpers shared by the benches that run servers (and load generators) as child processes:
 * env parsing, `node --import tsx` children, a cleanup registry that stops everything
 * started whatever happens (normal end, error, SIGINT/SIGTERM), and per-process RSS/CPU/fd
 * readings from `ps` and Linux /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  return n;
}

// ------------------------------------------------------------------- cleanup registry

/** Everything started is registered here first, and stopped in reverse order whatever happens. */
export const cleanups: { name: string; run: () => Promise<void> }[] = [];
const liveChildren = new Set<ChildProcess>();
let logCleanup: (msg: string) => void = (msg) => process.stderr.write(`[bench] ${msg}\n`);

export async function cleanupAll(): Promise<void> {
  while (cleanups.length > 0) {
    const c = cleanups.pop()!;
    await c.run().catch((err: unknown) => logCleanup(`cleanup of ${c.name} failed: ${String(err)}`));
  }
}

/**
 * Call once per bench: SIGINT/SIGTERM run the registry, then exit 130. On `exit` without
 * it, children are SIGKILLed as a last resort (a redis handle has no pid, which is why the
 * normal path always awaits cleanupAll).
 */
export function installCleanupHandlers(log: (msg: string) => void): void {
  logCleanup = log;
  process.on('exit', () => {
    for (const c of liveChildren) c.kill('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping everything`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

// ------------------------------------------------------------------- child processes

export interface NodeProcess {
  pid: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `node --import tsx <script>` with its own CPU; SIGTERM, then SIGKILL after 5 s.
 * `ipc: true` opens a `process.send` channel to the child (for load-generator workers).
 */
export function spawnNode(name: string, script: string, cwd: string, env: Record<string, string>, opts: { ipc?: boolean } = {}): NodeProcess {
  let out = '';
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the servers under this load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // Compiled JavaScript (server/dist) runs as production does: plain node (server/dist links shared/dist).
  const loader = script.endsWith('.js') ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  // Keep only the tail: a noisy server must not grow this process's heap during the run.
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-16_384);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const proc = { pid: child.pid, child, output: () => out, stop };
  cleanups.push({ name, run: stop });
  return proc;
}

export async function waitFor(what: string, deadlineMs: number, check: () => boolean | Promise<boolean>, proc?: NodeProcess): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms${proc ? `\n--- output:\n${proc.output()}` : ''}`);
    await sleep(50);
  }
}

// ------------------------------------------------------------------- process readings

/** RSS in KB, from `ps` (the same figure `top` shows). */
export function rssKb(pid: number): Promise<number | null> {
  return new Promise((resolve) => {
    const ps = spawn('ps', ['-o', 'rss=', '-p', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    ps.stdout.on('data', (d: Buffer) => (out += d.toString()));
    ps.on('close', () => {
      const kb = Number(out.trim());
      resolve(out.trim() && Number.isFinite(kb) ? kb : null);
    });
    ps.on('error', () => resolve(null));
  });
}

/** RSS in MB (0.1 MB steps), from `ps`. */
export async function rssMb(pid: number): Promise<number | null> {
  const kb = await rssKb(pid);
  return kb === null ? null : round(kb / 1024, 1);
}

/** user+system CPU seconds of a process so far (Linux /proc; USER_HZ is 100 on Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Open file descriptors of a process (Linux /proc; same user), or null if unreadable. */
export function openFds(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** The soft "Max open files" limit a process actually runs with (Linux /proc). */
export function fdLimit(pid: number): number | null {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
    return m ? (m[1] === 'unlimited' ? Infinity : Number(m[1])) : null;
  } catch {
    return null;
  }
}

/**
 * The server as production runs it: `server/dist/main.js` from `pnpm build` (plain node, no
 * TypeScript at run time); `src/main.ts` through tsx when it has not been built.
 */
export function serverMain(serverDir: string): string {
  const built = join(serverDir, 'dist', 'main.js');
  return existsSync(built) ? built : join(serverDir, 'src', 'main.ts');
}

/**
 * A benchmark's clients all come from 127.0.0.1, so the per-address limits (connections,
 * quotas) would refuse them: raised far above the load, but still counted (their cost is in
 * the figures).
 */
export const ONE_ADDRESS_LIMITS: Record<string, string> = {
  MAX_CONNECTIONS_PER_IP: '100000',
  QUOTA_VISITORS_PER_IP_HOUR: '10000000',
  QUOTA_VISITORS_PER_SITE_HOUR: '10000000',
  QUOTA_CONVERSATIONS_PER_IP_HOUR: '10000000',
  QUOTA_CONVERSATIONS_PER_SITE_HOUR: '10000000',
  QUOTA_QUEUED_PER_IP: '10000000',
  QUOTA_MESSAGES_PER_IP_MINUTE: '100000000',
  UPLOAD_BYTES_PER_IP_HOUR: '1000000000000',
  LOGIN_HASHES_PER_IP: '1000',
};
