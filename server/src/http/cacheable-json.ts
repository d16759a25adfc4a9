import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Sends a JSON body browsers may keep for `maxAgeSeconds`, then revalidate with If-None-Match:
 * an unchanged answer is a bodiless 304. (The loader's settings: with the server's own 30 s
 * cache, a change reaches every page within about a minute and a half.)
 */
export function sendCacheableJson(req: Request, res: Response, body: unknown, maxAgeSeconds: number): void {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  res.setHeader('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.type('json').send(json);
}
