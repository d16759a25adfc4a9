import { JSON_BODY_MAX_BYTES, type RouteRegistry, type RouteSpec } from '@introserv/shared';
import express, { type IRouter, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Authenticate } from '../auth/authenticate.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { VisitorTokens } from '../auth/visitor-token.js';
import { sendCacheableJson } from './cacheable-json.js';
import { parseWith } from './parse-body.js';
import { requireAdmin, requireJson, requireOperator, requireSameOrigin, requireVisitor } from './request-guards.js';
import type { RouteContext, RouteHandlers } from './route-handler.js';
import { noStore } from './security-headers.js';
import { anyOrigin, widgetCors, widgetPreflight } from './widget-cors.js';

export interface RouteGuards {
  /**
   * `console`: same-origin on unsafe methods (the cookie must not ride a cross-site request);
   * `widget`: called from the embedding pages, CORS for the allowed origins.
   */
  surface: 'console' | 'widget';
  origins: OriginPolicy;
  authenticate: Authenticate;
  visitors: Pick<VisitorTokens, 'resolveBearer'>;
}

/** A route as bound: `GET /api/canned`, for the checks that every declared route is bound. */
export type BoundRoute = `${RouteSpec['method']} ${string}`;

/**
 * Binds every route of a registry to its handler, with what the registry declares in front:
 * `no-store` (on every answer, refusals too; a `cache` route replaces it on success), the
 * origin check or CORS, JSON only (uploads aside), the access guard (and CSRF), the JSON body
 * within its limit, then params, query and body parsed by their schemas (`400` with issues).
 * The handler's result is sent as JSON with the route's status. A handler missing for a route,
 * or one for no route, stops the start.
 */
export function bindHttpRoutes<R extends RouteRegistry>(router: IRouter, registry: R, handlers: RouteHandlers<R>, guards: RouteGuards): BoundRoute[] {
  const declared = Object.keys(registry);
  const missing = declared.filter((name) => !(name in handlers));
  const unknown = Object.keys(handlers).filter((name) => !(name in registry));
  if (missing.length || unknown.length) throw new Error(`HTTP routes without a handler: [${missing.join(', ')}]; handlers without a route: [${unknown.join(', ')}]`);

  const bound: BoundRoute[] = [];
  for (const [name, spec] of Object.entries(registry)) {
    // Each handler is typed by its own route (RouteHandlers); here they are all one kind.
    const handler = handlers[name] as unknown as AnyHandler;
    router[method(spec)](spec.path, ...guardsOf(spec, guards), answer(spec, handler));
    bound.push(`${spec.method} ${spec.path}`);
  }
  if (guards.surface === 'widget') {
    for (const [path, specs] of byPath(Object.values(registry).filter((s) => s.cors !== 'any'))) {
      router.options(path, ...widgetPreflight(guards.origins, specs.map((s) => s.method), requestHeaders(specs)));
    }
  }
  return bound;
}

function method(spec: RouteSpec): 'get' | 'post' | 'put' | 'patch' | 'delete' {
  return spec.method.toLowerCase() as Lowercase<RouteSpec['method']>;
}

function guardsOf(spec: RouteSpec, guards: RouteGuards): RequestHandler[] {
  const chain: RequestHandler[] = [noStore];
  if (guards.surface === 'console') chain.push(requireSameOrigin(guards.origins));
  else chain.push(spec.cors === 'any' ? anyOrigin : widgetCors(guards.origins));
  // A form post (the classic CSRF vehicle) is refused before anything else reads it.
  if (spec.body !== 'raw') chain.push(requireJson);
  if (spec.access === 'visitor') chain.push(requireVisitor(guards.visitors));
  if (spec.access === 'operator' || spec.access === 'admin') chain.push(requireOperator(guards.authenticate));
  if (spec.access === 'admin') chain.push(requireAdmin);
  // Parsed after the caller is known: a stranger's body is never read.
  if (spec.body !== undefined && spec.body !== 'raw') chain.push(express.json({ limit: spec.maxBodyBytes ?? JSON_BODY_MAX_BYTES }));
  return chain;
}

type AnyHandler = (ctx: RouteContext<RouteSpec>) => Promise<unknown>;

function answer(spec: RouteSpec, handler: AnyHandler): RequestHandler {
  const params = spec.params ? z.object(spec.params) : undefined;
  const body = spec.body !== undefined && spec.body !== 'raw' ? spec.body : undefined;
  return async (req, res) => {
    let status: number = spec.status ?? 200;
    const ctx = {
      params: params ? parseWith(params, req.params) : {},
      query: spec.query ? parseWith(spec.query, req.query) : undefined,
      body: body ? parseWith(body, req.body) : undefined,
      req,
      res,
      ip: req.ip ?? 'unknown',
      setStatus: (s: 200 | 201 | 202) => {
        status = s;
      },
      // Set by the access guard (requireVisitor, requireOperator), typed by RouteCaller.
      visitor: res.locals.visitor as unknown,
      auth: res.locals.auth as unknown,
    } as RouteContext<RouteSpec>;
    const reply = await handler(ctx);
    if (spec.result === 'file') return;
    if (spec.result === 'empty') res.status(204).end();
    else if (spec.cache) sendCacheableJson(req, res, reply, spec.cache.maxAgeSeconds);
    else res.status(status).json(reply);
  };
}

function byPath(specs: readonly RouteSpec[]): Map<string, RouteSpec[]> {
  const paths = new Map<string, RouteSpec[]>();
  for (const spec of specs) paths.set(spec.path, [...(paths.get(spec.path) ?? []), spec]);
  return paths;
}

/** The request headers a path's routes read: the token, a body's type, an upload's name. */
function requestHeaders(specs: readonly RouteSpec[]): string[] {
  const headers = new Set<string>();
  for (const spec of specs) {
    if (spec.access === 'visitor') headers.add('Authorization');
    if (spec.body !== undefined) headers.add('Content-Type');
    if (spec.body === 'raw') headers.add('X-File-Name');
  }
  return ['Authorization', 'Content-Type', 'X-File-Name'].filter((h) => headers.has(h));
}
