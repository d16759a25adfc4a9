/*
 * The zod-free half of the HTTP registries: what a client needs to build a request (method
 * and path), without a schema. The widget imports only this, so its bundles stay small.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route's method and path; `:name` segments are its parameters. */
export interface Endpoint {
  method: HttpMethod;
  path: string;
}

/** The parameter names of a path: `PathParamNames<'/api/tickets/:number/files/:name'>` is `'number' | 'name'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The values a path's parameters take, e.g. `{ id: string }`. */
export type PathParamValues<P extends string> = { [K in PathParamNames<P>]: string };

/**
 * A path with its parameters filled in, each URI-encoded (an id with a `/` stays one segment).
 *
 * @example
 * pathTo('/widget/attachments/:id', { id: 'f_1' }) // '/widget/attachments/f_1'
 */
export function pathTo(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/**
 * `path?query`, with the query's strings, numbers and booleans (absent values, undefined or
 * null, are left out); nothing is appended when none is left.
 *
 * @example
 * withQuery('/api/escalations', { attention: 'true' }) // '/api/escalations?attention=true'
 */
export function withQuery(path: string, query: object = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
