import { describe, expect, it } from 'vitest';
import { consoleRoutes } from './console-routes.js';
import { pathTo, withQuery } from './endpoint.js';
import type { RouteRegistry } from './route.js';
import { WIDGET_ENDPOINTS } from './widget-endpoints.js';
import { widgetRoutes } from './widget-routes.js';

const registries: [string, RouteRegistry][] = [
  ['widget', widgetRoutes],
  ['console', consoleRoutes],
];

describe('the HTTP route registries', () => {
  it.each(registries)('%s: every route names a schema for each parameter of its path, and no other', (_name, routes) => {
    for (const [name, route] of Object.entries(routes)) {
      const inPath = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      expect(Object.keys(route.params ?? {}).sort(), name).toEqual(inPath);
    }
  });

  it('declares each method and path once, across both registries', () => {
    const lines = registries.flatMap(([, routes]) => Object.values(routes).map((r) => `${r.method} ${r.path}`));
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('keeps the widget’s routes under /widget and the console’s under /api', () => {
    for (const route of Object.values(widgetRoutes)) expect(route.path).toMatch(/^\/widget\//);
    for (const route of Object.values(consoleRoutes)) expect(route.path).toMatch(/^\/api\//);
  });

  it('gives the widget the very lines the registry binds', () => {
    expect(Object.keys(widgetRoutes).sort()).toEqual(Object.keys(WIDGET_ENDPOINTS).sort());
    for (const [name, route] of Object.entries(widgetRoutes)) {
      expect({ method: route.method, path: route.path }).toEqual(WIDGET_ENDPOINTS[name as keyof typeof WIDGET_ENDPOINTS]);
    }
  });

  it('takes bodies only on unsafe methods, and raw bodies only for uploads', () => {
    for (const [name, route] of registries.flatMap(([, routes]) => Object.entries(routes))) {
      if (route.body !== undefined) expect(route.method, name).not.toBe('GET');
      if (route.body === 'raw') expect(route.rate, name).toBe('upload');
    }
  });
});

describe('pathTo and withQuery', () => {
  it('fill in parameters URI-encoded, so an id stays one path segment', () => {
    expect(pathTo('/api/tickets/:number/files/:name', { number: '123456', name: 'transcript.txt' })).toBe('/api/tickets/123456/files/transcript.txt');
    expect(pathTo('/widget/attachments/:id', { id: 'a/b?c' })).toBe('/widget/attachments/a%2Fb%3Fc');
    expect(pathTo('/api/canned')).toBe('/api/canned');
  });

  it('append only the values given', () => {
    expect(withQuery('/api/escalations', { attention: 'true' })).toBe('/api/escalations?attention=true');
    expect(withQuery('/api/escalations', {})).toBe('/api/escalations');
    expect(withQuery('/api/history', { q: 'server down', from: undefined, before: 17, limit: null })).toBe('/api/history?q=server+down&before=17');
  });
});
