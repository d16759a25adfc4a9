import { describe, expect, it } from 'vitest';
import { freePort } from './testing/redis-server.js';
import { runServerToExit } from './testing/server-process.js';

/** What a person starting the server sees when something it needs is not there. */
describe('main: starting without what it needs', () => {
  it('says in one line that Redis cannot be reached, and exits non-zero without a stack trace', async () => {
    const port = await freePort(); // nothing listens there
    const run = await runServerToExit({ REDIS_URL: `redis://:secret-password@127.0.0.1:${port}`, LOG_LEVEL: 'info' });
    expect(run.code).toBe(69); // EX_UNAVAILABLE
    expect(run.stderr).toBe(`cannot reach Redis at redis://127.0.0.1:${port}: connection refused\n`);
    // Not even a JSON warning on stdout about the refused connection, and never the password.
    expect(run.stdout).not.toMatch(/redis connection problem|ECONNREFUSED/);
    expect(run.stdout + run.stderr).not.toContain('secret-password');
  });

  it('says the same of sentinels that cannot be reached', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const run = await runServerToExit({ REDIS_SENTINELS: `127.0.0.1:${a},127.0.0.1:${b}`, REDIS_MASTER_NAME: 'chat' });
    expect(run.code).toBe(69);
    expect(run.stderr).toBe(`cannot reach Redis at sentinels 127.0.0.1:${a},127.0.0.1:${b} (master chat): no sentinel answered\n`);
  });

  it('lists a bad configuration and exits 78', async () => {
    const run = await runServerToExit({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_SENTINELS: '127.0.0.1:26379' });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/^Invalid configuration:\n {2}REDIS_SENTINELS: set REDIS_URL .* not both\n$/);
  });
});
