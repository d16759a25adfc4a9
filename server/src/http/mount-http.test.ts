import { consoleRoutes, widgetRoutes, type RouteSpec } from '@introserv/shared';
import express, { type Express } from 'express';
import { describe, expect, it } from 'vitest';
import { OriginPolicy } from '../auth/origin-policy.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { Metrics } from '../metrics.js';
import { mountHttp, type HttpDeps } from './mount-http.js';
import { defaultStaticDirs } from './static.router.js';

/** Services are only captured when routes are mounted; nothing here is called. */
const unused = Object.freeze({}) as never;

function mounted(): { app: Express; bound: string[] } {
  const config = loadConfig({ METRICS_TOKEN: 'metrics-token-0123456789' });
  const deps: HttpDeps = {
    config,
    log: createLogger('silent'),
    health: unused,
    metrics: new Metrics(),
    store: { kind: 'memory', ping: async () => {} },
    draining: () => false,
    origins: new OriginPolicy(config),
    authenticate: async () => null,
    visitorTokens: { resolveBearer: async () => null },
    staticDirs: defaultStaticDirs,
    widget: { settings: unused, attachments: unused, transcripts: unused, escalations: unused },
    console: {
      auth: unused,
      chat: unused,
      attachments: unused,
      conversations: unused,
      escalations: unused,
      tickets: { store: unused, provider: 'local' },
      team: unused,
      departments: unused,
      canned: unused,
      history: unused,
      stats: unused,
      settings: unused,
      config,
      log: createLogger('silent'),
    },
  };
  const app = express();
  return { app, bound: mountHttp(app, deps) };
}

interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every route Express would answer, `METHOD path`, through nested routers too. */
function routesOf(stack: readonly Layer[]): string[] {
  return stack.flatMap((layer) => {
    const { route } = layer;
    if (route) return Object.keys(route.methods).map((m) => `${m.toUpperCase()} ${String(route.path)}`);
    return layer.handle.stack ? routesOf(layer.handle.stack) : [];
  });
}

const line = (r: RouteSpec) => `${r.method} ${r.path}`;
const declared = [...Object.values(widgetRoutes), ...Object.values(consoleRoutes)].map(line);
/** Outside the registries on purpose: probes, metrics, the demo page and the console's client-side routes (static files are no routes). */
const SYSTEM = ['GET /metrics', 'GET /healthz', 'GET /readyz', 'GET /', String.raw`GET /^\/console(\/.*)?$/`];
/** The widget's CORS preflights, one per path its pages call with credentials or a body. */
const preflights = [...new Set(Object.values(widgetRoutes as Record<string, RouteSpec>).filter((r) => r.cors !== 'any').map((r) => `OPTIONS ${r.path}`))];

describe('mountHttp', () => {
  it('binds every route the registries declare, and Express answers no route they do not declare', () => {
    const { app, bound } = mounted();
    expect(bound.sort()).toEqual([...declared].sort());
    expect(routesOf((app as unknown as { router: { stack: Layer[] } }).router.stack).sort()).toEqual([...declared, ...preflights, ...SYSTEM].sort());
  });
});
