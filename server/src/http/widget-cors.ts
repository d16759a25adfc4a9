import { AppError, ErrorCode } from '@introserv/shared';
import type { RequestHandler } from 'express';
import type { OriginPolicy } from '../auth/origin-policy.js';

/**
 * CORS for the widget's own HTTP calls, made from the embedding page: only the allowed
 * origins (ALLOWED_ORIGINS and the admin's list) get an answer they can read, refusals
 * included (so the widget can word a 401 or a 429); any other page is refused.
 */
export function widgetCors(origins: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (origin) {
      if (!origins.widgetAllowed(origin, req.headers.host)) {
        next(new AppError(ErrorCode.OriginNotAllowed, `origin ${origin} is not allowed to embed the widget`));
        return;
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Content-Disposition');
    }
    next();
  };
}

/**
 * The preflight of a widget path: the allowed origins only, with the methods of its routes and
 * the request headers they read (`allowHeaders`, e.g. `Authorization, Content-Type`).
 */
export function widgetPreflight(origins: OriginPolicy, methods: readonly string[], allowHeaders: readonly string[]): RequestHandler[] {
  return [
    widgetCors(origins),
    (_req, res) => {
      res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
      res.setHeader('Access-Control-Allow-Headers', allowHeaders.join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
    },
  ];
}

/** Any page may read the answer (the loader's settings: a page that is refused learns why). */
export const anyOrigin: RequestHandler = (_req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Vary', 'Origin');
  next();
};
