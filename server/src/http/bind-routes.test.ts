import { consoleRoutes, defineRoutes, Empty, widgetRoutes, type RouteSpec } from '@introserv/shared';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OriginPolicy } from '../auth/origin-policy.js';
import { loadConfig } from '../config.js';
import { createMemoryStores } from '../stores.js';
import { startTestApp, type TestApp, type TestOperator } from '../testing/test-app.js';
import { bindHttpRoutes, type RouteGuards } from './bind-routes.js';
import type { RouteHandlers } from './route-handler.js';

const SITE = 'https://introserv.com';
const EVIL = 'https://evil.example';

const routes = (registry: Record<string, RouteSpec>) => Object.entries(registry);
const unsafe = (r: RouteSpec) => r.method !== 'GET';
/** The route's path with every parameter filled (guards answer before parameters are parsed). */
const url = (t: TestApp, r: RouteSpec) => `${t.url}${r.path.replace(/:(\w+)/g, 'probe')}`;

describe('bindHttpRoutes', () => {
  const tiny = defineRoutes({ ping: { method: 'GET', path: '/api/ping', access: 'public', rate: 'none', result: Empty } });
  const guards: RouteGuards = { surface: 'console', origins: new OriginPolicy(loadConfig({})), authenticate: async () => null, visitors: { resolveBearer: async () => null } };

  it('refuses to start with a route that has no handler, or a handler for no route', () => {
    expect(() => bindHttpRoutes(express(), tiny, {} as RouteHandlers<typeof tiny>, guards)).toThrow(/without a handler: \[ping\]/);
    const extra = { ping: async () => ({}), pong: async () => ({}) };
    expect(() => bindHttpRoutes(express(), tiny, extra, guards)).toThrow(/handlers without a route: \[pong\]/);
  });
});

describe('every declared route gets its guards from the registry', () => {
  let t: TestApp;
  let operator: TestOperator;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: SITE });
    operator = await t.operator();
  });
  afterAll(() => t.close());

  it.each(routes(consoleRoutes).filter(([, r]) => r.access !== 'public'))('%s: 401 without the session, never cached', async (_name, route) => {
    const res = await fetch(url(t, route), { method: route.method });
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it.each(routes(consoleRoutes).filter(([, r]) => r.access === 'admin'))('%s: 403 FORBIDDEN for an operator who is no admin', async (_name, route) => {
    const res = await fetch(url(t, route), { method: route.method, headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrfToken } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it.each(routes(consoleRoutes).filter(([, r]) => r.access === 'operator' && unsafe(r)))('%s: 403 CSRF_FAILED without the CSRF header', async (_name, route) => {
    const res = await fetch(url(t, route), { method: route.method, headers: { cookie: operator.cookie } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CSRF_FAILED');
  });

  it.each(routes(consoleRoutes).filter(([, r]) => unsafe(r)))('%s: 403 for another site’s page, before anything else is looked at', async (_name, route) => {
    const res = await fetch(url(t, route), { method: route.method, headers: { origin: EVIL, cookie: operator.cookie, 'x-csrf-token': operator.csrfToken } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it.each([...routes(consoleRoutes), ...routes(widgetRoutes)].filter(([, r]) => unsafe(r) && r.body !== 'raw'))('%s: 415 for a form post', async (_name, route) => {
    const res = await fetch(url(t, route), { method: route.method, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: route.path.startsWith('/widget') ? SITE : t.url }, body: 'a=1' });
    expect(res.status).toBe(415);
  });

  it.each(routes(widgetRoutes).filter(([, r]) => r.access === 'visitor'))('%s: 401 without the bearer token, readable by the allowed page and never cached', async (_name, route) => {
    const res = await fetch(url(t, route), { method: route.method, headers: { origin: SITE } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it.each(routes(widgetRoutes).filter(([, r]) => r.cors !== 'any'))('%s: a preflight answered for the allowed pages only, naming the route’s method', async (_name, route) => {
    const preflight = (origin: string) => fetch(url(t, route), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': route.method } });
    const ok = await preflight(SITE);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')?.split(', ')).toContain(route.method);
    expect(ok.headers.get('access-control-allow-headers')).toContain('Authorization');
    const evil = await preflight(EVIL);
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(url(t, route), { method: route.method, headers: { origin: EVIL } })).status).toBe(403);
  });

  it('answers an unknown /api path with the API’s JSON 404, never cached', async () => {
    const res = await fetch(`${t.url}/api/no/such/thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no such endpoint' } });
  });
});
