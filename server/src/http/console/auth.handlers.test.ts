import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../stores.js';
import { startTestApp, type TestApp, type TestOperator } from '../../testing/test-app.js';

// Test-side JSON: the assertions themselves check the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads arbitrary JSON bodies and asserts on them
const json = (res: Response): Promise<any> => res.json();

describe('HTTP API: auth and conversations', () => {
  let t: TestApp;
  let op: TestOperator;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores());
    op = await t.operator({ name: 'Ana' });
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('logs in with a session cookie that scripts cannot read', async () => {
    const res = await post('/api/auth/login', { email: op.email.toUpperCase(), password: op.password });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lc_sid=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await json(res);
    expect(body).toMatchObject({ operator: { id: op.id, name: 'Ana', role: 'operator' }, csrfToken: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain('passwordHash');
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or an unknown email', async () => {
    for (const body of [{ email: op.email, password: 'wrong' }, { email: 'nobody@introserv.test', password: 'whatever' }]) {
      const res = await post('/api/auth/login', body);
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'wrong email or password' } });
    }
  });

  it('answers 400 with field issues for a malformed body, and for broken JSON', async () => {
    const res = await post('/api/auth/login', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe('INVALID_PAYLOAD');
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
    const broken = await post('/api/auth/login', '{"email": ');
    expect(broken.status).toBe(400);
    expect((await json(broken)).error.code).toBe('INVALID_PAYLOAD');
  });

  it('refuses form posts (415), oversized bodies (413) and cross-site posts (403)', async () => {
    const form = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' });
    expect(form.status).toBe(415);
    const huge = await post('/api/auth/login', { email: op.email, password: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const cross = await post('/api/auth/login', { email: op.email, password: op.password }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect((await json(cross)).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('serves /me and the conversation list to a session, and 401 without one', async () => {
    expect((await fetch(`${t.url}/api/auth/me`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/conversations`)).status).toBe(401);
    const me = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: op.cookie } });
    expect(me.status).toBe(200);
    expect((await json(me)).operator.id).toBe(op.id);
    const list = await fetch(`${t.url}/api/conversations?status=queued`, { headers: { cookie: op.cookie } });
    expect(await json(list)).toEqual({ conversations: [] });
    const bad = await fetch(`${t.url}/api/conversations?status=deleted`, { headers: { cookie: op.cookie } });
    expect(bad.status).toBe(400);
    const missing = await fetch(`${t.url}/api/conversations/c_nope/messages`, { headers: { cookie: op.cookie } });
    expect(missing.status).toBe(404);
    const unknown = await fetch(`${t.url}/api/nothing-here`, { headers: { cookie: op.cookie } });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('NOT_FOUND');
  });

  it('requires the CSRF token on logout, then ends the session', async () => {
    const other = await t.operator();
    const noToken = await post('/api/auth/logout', {}, { cookie: other.cookie });
    expect(noToken.status).toBe(403);
    expect((await json(noToken)).error.code).toBe('CSRF_FAILED');
    const out = await post('/api/auth/logout', {}, { cookie: other.cookie, 'x-csrf-token': other.csrfToken });
    expect(out.status).toBe(204);
    expect((await fetch(`${t.url}/api/auth/me`, { headers: { cookie: other.cookie } })).status).toBe(401);
  });

  it('reports health and readiness', async () => {
    expect(await json(await fetch(`${t.url}/healthz`))).toEqual({ ok: true });
    expect(await json(await fetch(`${t.url}/readyz`))).toEqual({ ok: true, store: 'memory' });
  });
});

describe('login limits: nobody can lock an operator out from elsewhere', () => {
  let t: TestApp;
  let victim: TestOperator;
  beforeAll(async () => {
    // Behind one proxy, so each test picks its address with X-Forwarded-For; answers slow down by 1 ms only.
    t = await startTestApp(createMemoryStores(), { TRUST_PROXY: '1' }, (c) => ({ ...c, loginLimits: { ...c.loginLimits, slowdownMs: 1 } }));
    victim = await t.operator({ name: 'Admin', role: 'admin' });
  });
  afterAll(() => t.close());
  const login = (password: string, address: string, email = victim.email) =>
    fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ email, password }) });

  it('refuses an address after its failures, but lets the right password in from another address', async () => {
    const attacker = '198.51.100.7';
    for (let i = 0; i < 10; i++) expect((await login(`guess-${i}`, attacker)).status).toBe(401);
    const blocked = await login(victim.password, attacker);
    expect(blocked.status).toBe(429);
    expect((await json(blocked)).error.code).toBe('RATE_LIMITED');
    expect((await login(victim.password, '203.0.113.20')).status).toBe(200);
  });

  it('does not count successful logins, and a success clears that address’s failures', async () => {
    const office = '203.0.113.30';
    for (let i = 0; i < 15; i++) expect((await login(victim.password, office)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('typo', office)).status).toBe(401);
    expect((await login(victim.password, office)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('typo', office)).status).toBe(401);
    expect((await login(victim.password, office)).status).toBe(200);
  });

  it('refuses an address that guesses across many accounts', async () => {
    const sprayer = '198.51.100.99';
    for (let i = 0; i < 30; i++) expect((await login('Winter2026!', sprayer, `user${i}@introserv.test`)).status).toBe(401);
    expect((await login(victim.password, sprayer)).status).toBe(429);
    expect((await login(victim.password, '203.0.113.40')).status).toBe(200);
  });
});
