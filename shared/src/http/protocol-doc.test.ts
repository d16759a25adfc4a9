import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleRoutes } from './console-routes.js';
import type { RouteSpec } from './route.js';
import { widgetRoutes } from './widget-routes.js';

/** docs/PROTOCOL.md, the readable summary of this contract: it must not drift from the registries. */
const protocol = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
const rows = protocol.split('\n').filter((line) => line.startsWith('| `'));
const routes: [string, RouteSpec][] = [...Object.entries(widgetRoutes), ...Object.entries(consoleRoutes)];

/** The table row that documents a route: its first cell names `METHOD /path` (several may share a row). */
const rowOf = (route: RouteSpec): string | undefined => rows.find((row) => row.split(' | ')[0]?.includes(`\`${route.method} ${route.path}\``));

describe('docs/PROTOCOL.md', () => {
  it.each(routes)('documents %s in an HTTP table, under its method and path', (_name, route) => {
    expect(rowOf(route)).toBeDefined();
  });

  it('names a 429 for every route that counts against a limit', () => {
    const limited = routes.filter(([, r]) => r.rate !== 'none');
    expect(limited.length).toBeGreaterThan(0);
    for (const [name, route] of limited) expect(rowOf(route), name).toMatch(/`?429/);
  });

  it('documents every /api and /widget route the registries declare, and no other', () => {
    const declared = new Set(routes.map(([, r]) => `${r.method} ${r.path}`));
    const documented = rows.flatMap((row) => [...(row.split(' | ')[0] ?? '').matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/(?:api|widget)\/[^`]*)`/g)].map((m) => `${m[1]} ${m[2]}`));
    // The widget's static files are served, not routed.
    expect(documented.filter((line) => !declared.has(line) && !line.startsWith('GET /widget/loader.js'))).toEqual([]);
  });

  it('authorizes every visitor route with the bearer token, and says so', () => {
    for (const [name, route] of routes.filter(([, r]) => r.access === 'visitor')) {
      expect(rowOf(route), name).not.toMatch(/X-Visitor-Token/i);
    }
  });
});
