import type { z } from 'zod';
import type { Endpoint, PathParamNames } from './endpoint.js';

/**
 * Who may call a route:
 * - `public`: anyone (the page's origin may still be checked);
 * - `visitor`: `Authorization: Bearer <visitor token>` (the token `hello` gave), no cookies;
 * - `operator`: the console's session cookie, and `x-csrf-token` on unsafe methods;
 * - `admin`: an operator whose role is admin.
 */
export type RouteAccess = 'public' | 'visitor' | 'operator' | 'admin';

/**
 * The limit a route counts against, beside its access (each is enforced where its rule lives,
 * and answers `429 RATE_LIMITED`): `login` (failures per account and address, LoginService),
 * `upload` (files and bytes per uploader, address and in all), `leave-message` (per visitor
 * and address), `transcript-email` (per visitor, address and site). `none`: the route's
 * access is its only guard.
 */
export type HttpRateClass = 'none' | 'login' | 'upload' | 'leave-message' | 'transcript-email';

/** A JSON body at most this large unless the route says otherwise (`413 PAYLOAD_TOO_LARGE`). */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

/**
 * One HTTP route, declared once: the server binds it (guards, parsing, the answer) and the
 * clients build their requests from it.
 */
export interface RouteSpec extends Endpoint {
  access: RouteAccess;
  rate: HttpRateClass;
  /** A schema per `:name` of the path (required when the path has one). */
  params?: Readonly<Record<string, z.ZodType<string, string>>>;
  query?: z.ZodType;
  /**
   * What the request carries: a JSON body and its schema, `'raw'` bytes the handler reads
   * itself (an upload, `X-File-Name` naming it), or nothing when absent.
   */
  body?: z.ZodType | 'raw';
  /** A JSON body's limit, when not {@link JSON_BODY_MAX_BYTES}. */
  maxBodyBytes?: number;
  /**
   * The successful answer: a JSON body's schema, `'empty'` (`204`, no body), or `'file'`
   * (a download, a page or text: the handler writes it).
   */
  result: z.ZodType | 'empty' | 'file';
  /** The success status when it is not 200 (204 for `'empty'`). */
  status?: 201 | 202;
  /**
   * Widget routes answer the pages in the allowed origins (CORS); `'any'` lets every page read
   * the answer, refusals included (the loader's settings: a refused page learns why).
   */
  cors?: 'any';
  /** Answers browsers may keep (`public, max-age`, revalidated by ETag); every other answer is `no-store`. */
  cache?: { maxAgeSeconds: number };
}

export type RouteRegistry = Readonly<Record<string, RouteSpec>>;

/** Each route's `params` names exactly its path's parameters (checked by the compiler). */
type ParamsMatchPath<R extends RouteRegistry> = {
  [K in keyof R]: [PathParamNames<R[K]['path']>] extends [never]
    ? { params?: undefined }
    : { params: Readonly<Record<PathParamNames<R[K]['path']>, z.ZodType<string, string>>> };
};

/**
 * Declares a registry: the object as written (its literal types are what handlers and clients
 * are typed by), checked so that a path's parameters all have a schema.
 */
export function defineRoutes<const R extends RouteRegistry>(routes: R & ParamsMatchPath<R>): R {
  return routes;
}

type QueryInput<S extends RouteSpec> = S['query'] extends z.ZodType
  ? object extends z.input<S['query']>
    ? { query?: z.input<S['query']> }
    : { query: z.input<S['query']> }
  : { query?: undefined };

/**
 * What a client passes to call a route: its path parameters, query and JSON body, typed by
 * the route's schemas.
 */
export type RouteInput<S extends RouteSpec> = ([PathParamNames<S['path']>] extends [never]
  ? { params?: undefined }
  : { params: { [K in PathParamNames<S['path']>]: string } }) &
  QueryInput<S> &
  (S['body'] extends z.ZodType ? { body: z.input<S['body']> } : { body?: undefined });

/** What a successful call of the route gives a client: the parsed JSON body, or nothing. */
export type RouteOutput<S extends RouteSpec> = S['result'] extends z.ZodType ? z.output<S['result']> : undefined;
