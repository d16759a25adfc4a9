import type { RequestHandler } from 'express';

/**
 * Headers every answer carries: `nosniff` (a browser never guesses a type other than the one
 * we send, so no JSON or upload is run as a script or page), and HSTS when the public URL is
 * https (a browser that came once never comes back over plain http).
 */
export function securityHeaders(options: { hsts: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (options.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

/**
 * API answers and files are per operator or visitor and change all the time: no cache may keep
 * them (nor a refusal, which a cache could otherwise serve after a login).
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
