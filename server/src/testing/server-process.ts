import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server.js';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  port: number;
  output(): string;
  /** The exit code once the process has exited (null before, or when a signal ended it). */
  exitCode(): number | null;
  /** SIGTERM (a graceful stop), and its exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, with no chance to say goodbye to Redis or to its sockets. */
  kill(): Promise<void>;
}

/**
 * Runs `src/main.ts` as its own OS process, as production does, and waits for /readyz.
 * `env.PORT` keeps a port across restarts (a balancer in front knows it); otherwise a free one.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawnServer(env, port);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${child.output()}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    output: () => child.output(),
    exitCode: () => child.process.exitCode,
    stop: () => signal(child.process, 'SIGTERM'),
    kill: () => signal(child.process, 'SIGKILL'),
  };
}

export interface FinishedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the server to its exit (a start that must fail), killing it after `timeoutMs`. */
export async function runServerToExit(env: Record<string, string>, timeoutMs = 20_000): Promise<FinishedProcess> {
  const child = spawnServer(env, await freePort());
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
    // 'close', not 'exit': its output has been read to the end by then.
    child.process.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: child.stdout(), stderr: child.stderr() });
    });
  });
}

interface SpawnedServer {
  process: ChildProcess;
  readonly exitCode: number | null;
  output(): string;
  stdout(): string;
  stderr(): string;
}

function spawnServer(env: Record<string, string>, port: number): SpawnedServer {
  let out = '';
  let stdout = '';
  let stderr = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    // Every client of these tests comes from 127.0.0.1 and their chats often wait: no cap on that per address.
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, QUOTA_QUEUED_PER_IP: '0', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
    stderr += d.toString();
  });
  return {
    process: child,
    get exitCode() {
      return child.exitCode;
    },
    output: () => out,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

function signal(child: ChildProcess, sig: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill(sig);
  });
}
