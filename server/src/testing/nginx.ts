import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server.js';

/**
 * Debian's nginx, run as the current user from `deploy/nginx.conf` with only what a test must
 * change: the upstream ports, a free port to listen on, pid, logs and temp folders in a temp
 * dir. Like redis-server: off CI a machine without nginx skips its tests; with CI=true they fail.
 */
export const DEPLOY_NGINX_CONF = fileURLToPath(new URL('../../../deploy/nginx.conf', import.meta.url));

/** `nginx` on PATH, else Debian's /usr/sbin/nginx (not on a normal user's PATH). */
function nginxBinary(): string | null {
  if (spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0) return 'nginx';
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null;
}

export function nginxAvailable(): boolean {
  const found = nginxBinary() !== null;
  if (!found && process.env.CI === 'true') {
    throw new Error('nginx is not installed, and CI=true forbids skipping the nginx tests (apt-get install nginx)');
  }
  return found;
}

export interface NginxHandle {
  url: string;
  port: number;
  /** `nginx -s reload`: new workers with the configuration read again, the old ones finish. */
  reload(): Promise<void>;
  /** nginx's own error log (what it said about the processes it could not reach). */
  errors(): string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  /** How long old workers keep their WebSockets after a reload (deploy/nginx.conf says 30 s). */
  workerShutdownTimeout?: string;
}

/**
 * deploy/nginx.conf, made runnable here: every change is a replacement that must match, so a
 * change of the shipped file that the test no longer understands fails loudly.
 */
export function testNginxConf(upstreamPorts: number[], listenPort: number, dir: string, options: NginxOptions = {}): string {
  let conf = readFileSync(DEPLOY_NGINX_CONF, 'utf8');
  const replace = (pattern: RegExp, by: string | ((match: string, ...groups: string[]) => string)) => {
    if (!pattern.test(conf)) throw new Error(`deploy/nginx.conf no longer has ${String(pattern)}`);
    conf = conf.replace(pattern, by as string);
  };
  // Workers as the current user: root's would become www-data, who cannot write the temp dir.
  replace(/^user www-data;$/m, process.getuid?.() === 0 ? `user ${userInfo().username};` : '');
  replace(/^worker_processes auto;$/m, 'worker_processes 1;');
  replace(/^pid \/run\/nginx\.pid;$/m, `pid ${dir}/nginx.pid;`);
  replace(/^error_log \/var\/log\/nginx\/error\.log;$/m, `error_log ${dir}/error.log;`);
  // A normal user may not raise its file limit past the hard one.
  replace(/^worker_rlimit_nofile \d+;$/m, '');
  replace(/^worker_shutdown_timeout \S+;$/m, `worker_shutdown_timeout ${options.workerShutdownTimeout ?? '30s'};`);
  replace(/^(\s*)access_log \/var\/log\/nginx\/access\.log;$/m, (_m, indent) =>
    [`access_log ${dir}/access.log;`, ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`)].map((l) => `${indent}${l}`).join('\n'),
  );
  replace(/^\s*listen 80;$/m, `        listen 127.0.0.1:${listenPort};`);
  replace(/^\s*listen \[::\]:80;\n/m, '');
  for (const [i, port] of upstreamPorts.entries()) replace(new RegExp(`server 127\\.0\\.0\\.1:${3001 + i} `, 'g'), `server 127.0.0.1:${port} `);
  return conf;
}

export async function startNginx(upstreamPorts: number[], options: NginxOptions = {}): Promise<NginxHandle> {
  const binary = nginxBinary();
  if (!binary) throw new Error('nginx is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'nginx-'));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, testNginxConf(upstreamPorts, port, dir, options));
  // -e: the error log before the configuration is read (Debian's default would be /var/log).
  const args = ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')];
  const test = spawnSync(binary, [...args, '-t'], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t refused the configuration:\n${test.stderr}`);
  let out = '';
  const child: ChildProcess = spawn(binary, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await fetch(`${url}/healthz`).then(() => true, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${out}\n${readLog(dir)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    async reload() {
      const run = spawnSync(binary, [...args, '-s', 'reload'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`nginx -s reload failed:\n${run.stderr}`);
    },
    errors: () => readLog(dir),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
