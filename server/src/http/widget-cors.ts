import { AppError, ErrorCode } from '@introserv/shared';
import type { RequestHandler } from 'express';
import type { OriginPolicy } from '../auth/origin-policy.js';

/**
 * CORS for the widget's own HTTP calls, made from the embedding page: only the allowed
 * origins (ALLOWED_ORIGINS and the admin's list) get an answer, and a preflight is answered
 * here. `allowHeaders` names the request headers the routes behind it read.
 */
export function widgetCors(origins: OriginPolicy, allowHeaders: string): RequestHandler {
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
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', allowHeaders);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
