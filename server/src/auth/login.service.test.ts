import { AppError } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { LogSampler } from '../log-sampler.js';
import { createLogger } from '../logger.js';
import { loadConfig } from '../config.js';
import type { Stores } from '../stores.js';
import { storeBackends } from '../testing/store-backends.js';
import { saveOperator } from '../testing/store-fixtures.js';
import { LoginService } from './login.service.js';
import { hashPassword } from './password.js';
import { SessionService } from './session.service.js';

const backends = storeBackends('login');

/** The service as the app builds it, with the default limits (slowdowns of 1 ms), logging into `lines`. */
function loginService(stores: Stores, lines: string[] = []) {
  const log = createLogger('info', { write: (line: string) => void lines.push(line) });
  const { loginLimits } = loadConfig({});
  return new LoginService(
    stores,
    new SessionService(stores.sessions, 's'.repeat(32), 60_000),
    { endSession: () => {}, endOperator: () => {} },
    log,
    { limits: { ...loginLimits, slowdownMs: 1 }, sampler: new LogSampler(log, 60_000) },
  );
}

type Outcome = { ok: true } | { ok: false; code: string };
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    () => ({ ok: true }) as const,
    (err: unknown) => ({ ok: false, code: err instanceof AppError ? err.code : String(err) }),
  );
const tally = (outcomes: Outcome[]) => outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o.ok ? 'ok' : o.code]: (t[o.ok ? 'ok' : o.code] ?? 0) + 1 }), {});

describe.each(backends)('login limits under parallel guessing (%s)', (_name, makeStores) => {
  it('checks at most the per-(account, address) limit of a burst for one account, and refuses the right password sent last', async () => {
    const stores = makeStores();
    const op = await saveOperator(stores, { email: 'ana@introserv.test', passwordHash: await hashPassword('right-password') });
    const login = loginService(stores);
    const burst = Array.from({ length: 99 }, (_, i) => login.login({ email: op.email, password: `guess-${i}` }, '198.51.100.7'));
    const last = login.login({ email: op.email, password: 'right-password' }, '198.51.100.7');
    const outcomes = await Promise.all([...burst, last].map(outcome));
    const counts = tally(outcomes);
    // Each INVALID_CREDENTIALS is a password that was checked.
    expect(counts.INVALID_CREDENTIALS ?? 0).toBeGreaterThan(0);
    expect(counts.INVALID_CREDENTIALS ?? 0).toBeLessThanOrEqual(10);
    expect(outcomes.at(-1)).toEqual({ ok: false, code: 'RATE_LIMITED' });
    expect(counts.ok).toBeUndefined();
  });

  it('holds the per-address limit against a burst spread over 100 accounts', async () => {
    const stores = makeStores();
    const login = loginService(stores);
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => outcome(login.login({ email: `user${i}@introserv.test`, password: 'Winter2026!' }, '198.51.100.8'))));
    const counts = tally(outcomes);
    expect(counts.INVALID_CREDENTIALS ?? 0).toBeLessThanOrEqual(30);
    expect(counts.RATE_LIMITED ?? 0).toBeGreaterThanOrEqual(70);
    // Refused ones were not counted: the address's failures are the checked ones only.
    const more = await Promise.all(Array.from({ length: 40 }, (_, i) => outcome(login.login({ email: `late${i}@introserv.test`, password: 'x' }, '198.51.100.8'))));
    expect((counts.INVALID_CREDENTIALS ?? 0) + (tally(more).INVALID_CREDENTIALS ?? 0)).toBeLessThanOrEqual(30);
  });

  it('serves an honest login from another address before a burst of guesses has been checked', async () => {
    const stores = makeStores();
    const op = await saveOperator(stores, { email: 'ivo@introserv.test', passwordHash: await hashPassword('ivo-password') });
    const login = loginService(stores);
    const order: string[] = [];
    const burst = Array.from({ length: 100 }, (_, i) =>
      outcome(login.login({ email: `user${i}@introserv.test`, password: 'guess' }, '198.51.100.9')).then((o) => {
        if (!o.ok && o.code === 'INVALID_CREDENTIALS') order.push('guess checked');
      }),
    );
    const honest = login.login({ email: op.email, password: 'ivo-password' }, '203.0.113.20').then(() => order.push('honest in'));
    await Promise.all([...burst, honest]);
    const checked = order.filter((o) => o === 'guess checked').length;
    expect(checked).toBeGreaterThan(1);
    // Served before the burst drained: fewer than half of its checked guesses finished before the honest login.
    const before = order.indexOf('honest in');
    expect(before).toBeGreaterThanOrEqual(0);
    expect(before).toBeLessThan(checked / 2);
  });

  it('refunds the attempt a successful login reserved, and clears that account’s failures from that address', async () => {
    const stores = makeStores();
    const op = await saveOperator(stores, { email: 'eva@introserv.test', passwordHash: await hashPassword('eva-password') });
    const login = loginService(stores);
    const office = '203.0.113.30';
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) expect(await outcome(login.login({ email: op.email, password: 'typo' }, office))).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
      expect(await outcome(login.login({ email: op.email, password: 'eva-password' }, office))).toEqual({ ok: true });
    }
  });

  it('writes a bounded number of log lines for 5,000 refused logins', async () => {
    const stores = makeStores();
    const lines: string[] = [];
    const login = loginService(stores, lines);
    for (let i = 0; i < 30; i++) await outcome(login.login({ email: `spray${i}@introserv.test`, password: 'x' }, '198.51.100.10'));
    const before = lines.length;
    const refused = await Promise.all(Array.from({ length: 5_000 }, (_, i) => outcome(login.login({ email: `spray${i % 30}@introserv.test`, password: 'x' }, '198.51.100.10'))));
    expect(tally(refused).RATE_LIMITED).toBe(5_000);
    const written = lines.slice(before);
    expect(written.length).toBeLessThanOrEqual(2);
    expect(written.join('').length).toBeLessThan(2_000);
  });
});
