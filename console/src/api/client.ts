import { consoleRoutes, type ConsoleRoutes, type RouteOutput, type RouteSpec } from '@introserv/shared';
import type { z } from 'zod';
import { ApiError, ClientErrorCode, ErrorBody } from './errors.js';
import { consoleUrl, type ConsoleRouteName, type RouteArgs } from './route-url.js';

type Method = RouteSpec['method'];

/** The routes `call` makes: JSON answers or none (files are links, uploads go through XHR for their progress). */
export type CallableRoute = {
  [K in ConsoleRouteName]: ConsoleRoutes[K] extends { result: 'file' } | { body: 'raw' } ? never : K;
}[ConsoleRouteName];

const UNSAFE: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ApiClientOptions {
  /** Injected in tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
  /** Prefix for every path; '' means same origin as the console. */
  baseUrl?: string;
}

export interface RequestOptions<T> {
  body?: unknown;
  /** Parses a 2xx body; without it the body is ignored (e.g. `204 No Content`). */
  schema?: z.ZodType<T>;
}

/**
 * A small JSON client for `/api`, derived from the shared route registry: a call names its
 * route, and the method, path, input and answer all come from it. Same-origin cookies, the
 * CSRF token on every unsafe method, 2xx bodies parsed by the route's schema, and
 * `{ error: { code, message } }` bodies turned into an {@link ApiError}.
 *
 * @example
 * const api = new ApiClient();
 * const session = await api.call('auth.login', { body: { email, password } });
 * api.csrfToken = session.csrfToken;
 */
export class ApiClient {
  /** Set from `SessionInfo.csrfToken` after login or `/me`; cleared on logout. */
  csrfToken: string | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;

  constructor(options: ApiClientOptions = {}) {
    // Bound, because calling a detached `window.fetch` throws "Illegal invocation".
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.baseUrl = options.baseUrl ?? '';
  }

  /**
   * Calls a console route by name, e.g. `call('canned.update', { params: { id }, body })`;
   * resolves with its answer parsed by the route's schema (nothing for a `204`).
   */
  async call<K extends CallableRoute>(name: K, ...args: RouteArgs<K>): Promise<RouteOutput<ConsoleRoutes[K]>> {
    const route: RouteSpec = consoleRoutes[name];
    const body = (args[0] as { body?: unknown } | undefined)?.body;
    const path = consoleUrl(name, ...args);
    // RouteOutput is what the route's result schema parses to; `request` checks it at run time.
    if (typeof route.result === 'string') {
      await this.request(route.method, path, { body });
      return undefined as RouteOutput<ConsoleRoutes[K]>;
    }
    return (await this.request(route.method, path, { body, schema: route.result })) as RouteOutput<ConsoleRoutes[K]>;
  }

  /** The request under `call`; the console names routes with `call` rather than writing their paths. */
  request<T>(method: Method, path: string, options: RequestOptions<T> & { schema: z.ZodType<T> }): Promise<T>;
  request(method: Method, path: string, options?: RequestOptions<never>): Promise<void>;
  async request<T>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T | void> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;

    let res: Response;
    try {
      res = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (err) {
      throw new ApiError(0, ClientErrorCode.Network, err instanceof Error ? err.message : 'network error');
    }

    const json = await readJson(res);
    if (!res.ok) {
      const parsed = ErrorBody.safeParse(json);
      if (parsed.success) {
        const { code, message, issues } = parsed.data.error;
        throw new ApiError(res.status, code, message, issues);
      }
      throw new ApiError(res.status, ClientErrorCode.BadResponse, `HTTP ${res.status} without an error body`);
    }
    if (!options.schema) return;
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(res.status, ClientErrorCode.BadResponse, `unexpected response from ${method} ${path}: ${parsed.error.message}`);
    }
    return parsed.data;
  }
}

async function readJson(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
