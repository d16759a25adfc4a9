import type { RouteRegistry, RouteSpec } from '@introserv/shared';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Authenticated } from '../auth/authenticate.js';
import type { VisitorRecord } from '../conversations/visitor.store.js';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** The route's path parameters, each parsed by its schema. */
export type RouteParams<S extends RouteSpec> = S['params'] extends Readonly<Record<string, z.ZodType>> ? { [K in keyof S['params']]: z.output<S['params'][K]> } : Record<string, never>;

/** Who called, as the route's access guard established it. */
export type RouteCaller<S extends RouteSpec> = S['access'] extends 'visitor'
  ? { visitor: VisitorRecord }
  : S['access'] extends 'operator' | 'admin'
    ? { auth: Authenticated }
    : { visitor?: never; auth?: never };

/**
 * What a handler gets: the request already guarded and parsed by its route's schemas. `req`
 * and `res` are there for what only HTTP has (the address, cookies, a raw body, a file's
 * headers); a JSON route's handler returns its body and the binder sends it.
 */
export type RouteContext<S extends RouteSpec> = {
  params: RouteParams<S>;
  query: Parsed<S['query']>;
  body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
  req: Request;
  res: Response;
  /** The client's address (Express's `req.ip`, behind TRUST_PROXY hops). */
  ip: string;
  /** Answers with this status instead of the route's (e.g. `200` for a resend of something already made). */
  setStatus: (status: 200 | 201 | 202) => void;
} & RouteCaller<S>;

/** A JSON route returns its body; an `'empty'` one nothing; a `'file'` one writes the answer itself. */
export type RouteReply<S extends RouteSpec> = S['result'] extends z.ZodType ? z.output<S['result']> : undefined;

export type RouteHandler<S extends RouteSpec> = (ctx: RouteContext<S>) => Promise<RouteReply<S>>;

/** One handler per route of a registry: the compiler refuses a missing one and an unknown one. */
export type RouteHandlers<R extends RouteRegistry> = { [K in keyof R]: RouteHandler<R[K]> };
