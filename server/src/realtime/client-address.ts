import type { IncomingMessage } from 'node:http';
import type { ConnectionContext } from '../chat/chat.service.js';

/**
 * The client's address as Express computes `req.ip` with `trust proxy` set to a number of
 * hops (proxy-addr): the socket's peer, then the `X-Forwarded-For` entries from the right,
 * trusting `hops` of them. A Socket.IO handshake is a plain HTTP request, so the same rule
 * gives the same address to the login limits and to the connection limits.
 *
 * @example clientAddress(req /* peer 10.0.0.2, XFF "1.2.3.4, 10.0.0.1" *\/, 1) // "10.0.0.1"
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, hops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  const chain = [peer, ...forwarded];
  return chain[Math.min(hops, chain.length - 1)] ?? peer;
}

/**
 * Where a visitor connection comes from, for the operators' visitor panel: the browser's
 * user agent, the client's address (as `clientAddress` derives it), and the country a trusted
 * proxy or CDN says (Cloudflare's `CF-IPCountry`, or `X-Country-Code`), never one the client
 * could set itself: without a trusted proxy there is no country.
 */
export function connectionContext(req: Pick<IncomingMessage, 'headers' | 'socket'>, hops: number): ConnectionContext {
  const address = clientAddress(req, hops);
  const ua = req.headers['user-agent'];
  let country: string | null = null;
  if (hops > 0) {
    const code = String(req.headers['cf-ipcountry'] ?? req.headers['x-country-code'] ?? '').toUpperCase();
    country = /^[A-Z]{2}$/.test(code) && code !== 'XX' ? code : null;
  }
  return {
    address,
    userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null,
    ip: address.replace(/^::ffff:/, '').slice(0, 64),
    country,
  };
}
