/**
 * Capacity: the highest message rate one server process (and two) carries with a p99
 * visitor → operator latency ≤ 50 ms, found by stepping the load.
 *
 * Run: `pnpm --filter @introserv/bench bench:capacity` (BENCH_STEPS, default
 * "500,1000,2000,3000,4000,5000" chats; BENCH_SECONDS per step, default 10). Prints ONE JSON
 * object on stdout; progress on stderr.
 *
 * Each step is one run of latency.bench.ts for one phase (`single`, then `cross`: visitors on
 * process A, operators on B), with that many chats, each visitor sending 1 message/s (so the
 * rate is the number of chats): fresh server processes and a fresh Redis per step, the same
 * measurement, warm-up and loss rule as there. A step passes when p99 ≤ 50 ms, nothing is lost
 * and the delivered rate is ≥ 98 % of the target; the steps stop at the first that fails. The
 * clients run in one process on the same two cores as the servers and Redis, so at the top the
 * load generator's own CPU is part of what limits (reported per step).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './machine.js';
import { intEnv } from './processes.js';

const P99_BUDGET_MS = 50;
const STEPS = (process.env.BENCH_STEPS ?? '500,1000,2000,3000,4000,5000').split(',').map((s) => Math.min(5000, Math.max(1, Number(s.trim()))));
const SECONDS = intEnv('BENCH_SECONDS', 10, 1, 60);
const LATENCY_BENCH = fileURLToPath(new URL('./latency.bench.ts', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

const log = (msg: string) => process.stderr.write(`[capacity] ${msg}\n`);

interface PhaseResult {
  latencyMs: { p50: number; p99: number } | null;
  lost: number;
  deliveredRatePerS: number;
  targetRatePerS: number;
  serverCpuCores: number | Record<string, number>;
  benchProcessCpuCores: number;
  loadAvg1mAtEnd: number;
}

function runStep(phase: 'single' | 'cross', chats: number): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LATENCY_BENCH], {
      cwd: BENCH_DIR,
      env: { ...process.env, BENCH_PHASES: phase, BENCH_CHATS: String(chats), BENCH_SECONDS: String(SECONDS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      try {
        const report = JSON.parse(out.slice(out.indexOf('{'))) as Record<string, PhaseResult>;
        const result = report[phase];
        if (!result) throw new Error(`no ${phase} phase in the report`);
        resolve(result);
      } catch (err) {
        reject(new Error(`latency bench (${phase}, ${chats} chats) exited ${code}: ${String(err)}`));
      }
    });
  });
}

async function capacity(phase: 'single' | 'cross') {
  const steps = [];
  let best: number | null = null;
  for (const chats of STEPS) {
    log(`${phase}: ${chats} messages/s`);
    const r = await runStep(phase, chats).catch((err: unknown) => {
      log(String(err));
      return null;
    });
    const p99 = r?.latencyMs?.p99 ?? null;
    const pass = r !== null && p99 !== null && p99 <= P99_BUDGET_MS && r.lost === 0 && r.deliveredRatePerS >= 0.98 * r.targetRatePerS;
    steps.push({
      ratePerS: chats,
      pass,
      p50Ms: r?.latencyMs?.p50 ?? null,
      p99Ms: p99,
      lost: r?.lost ?? null,
      deliveredRatePerS: r?.deliveredRatePerS ?? null,
      serverCpuCores: r?.serverCpuCores ?? null,
      benchProcessCpuCores: r?.benchProcessCpuCores ?? null,
      loadAvg1m: r?.loadAvg1mAtEnd ?? round(loadavg()[0] ?? 0),
    });
    if (!pass) break;
    best = chats;
  }
  return { maxRatePerSAtP99Under50ms: best, steps };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const single = await capacity('single');
  const cross = await capacity('cross');
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'capacity',
        machine: machineInfo(),
        settings: { steps: STEPS, secondsPerStep: SECONDS, p99BudgetMs: P99_BUDGET_MS, messagesPerChatPerS: 1, store: 'Redis, one redis-server per step' },
        single,
        cross,
        durationS: Math.round((Date.now() - t0) / 1000),
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
