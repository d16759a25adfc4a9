import type { IncomingHttpHeaders } from 'node:http';
import type { ConnectionContext } from '../chat/chat.service.js';

/**
 * Where a connection comes from, the way Express's `trust proxy` counts hops: with
 * `trustProxy` = N, the N-th address from the right of X-Forwarded-For (the one the
 * outermost trusted proxy saw); with 0, the socket's own peer. The country comes from a
 * header a trusted proxy or CDN sets (Cloudflare's `CF-IPCountry`, or `X-Country-Code`),
 * never from the client directly.
 */
export function connectionContext(headers: IncomingHttpHeaders, peer: string | undefined, trustProxy: number): ConnectionContext {
  const ua = headers['user-agent'];
  let ip = peer ?? null;
  let country: string | null = null;
  if (trustProxy > 0) {
    const hops = String(headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    ip = hops[hops.length - trustProxy] ?? hops[0] ?? ip;
    const code = String(headers['cf-ipcountry'] ?? headers['x-country-code'] ?? '').toUpperCase();
    country = /^[A-Z]{2}$/.test(code) && code !== 'XX' ? code : null;
  }
  return {
    userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null,
    ip: ip?.replace(/^::ffff:/, '').slice(0, 64) ?? null,
    country,
  };
}
