import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TicketError } from './ticket-provider.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** A help desk's answer larger than this is not one of its API answers. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * One HTTP request to a help desk, on a connection of its own (no keep-alive: a connection the
 * help desk closed while idle would fail our next request in a way that hides whether it
 * arrived), with a deadline over the whole exchange. What matters for exactly-once is whether
 * the request could have been processed, and that is known: a help desk acts on a request
 * only once its whole body has arrived. So an error before our request was fully written is
 * `retryable`; after it (a timeout, a connection lost mid-answer) it is `unclear`.
 */
export function httpCall(url: string, init: HttpRequest, timeoutMs: number): Promise<HttpAnswer> {
  const target = new URL(url);
  const host = target.host;
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  return new Promise((resolve, reject) => {
    let written = false;
    let timedOut = false;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: init.method,
      headers: { ...init.headers, ...(body ? { 'content-length': String(body.byteLength) } : {}) },
      agent: false,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timeout'));
    }, timeoutMs);
    const fail = (err: Error & { code?: string }) => {
      clearTimeout(timer);
      const what = timedOut ? `no answer within ${timeoutMs} ms` : (err.code ?? err.message);
      reject(new TicketError(written ? 'unclear' : 'retryable', `${host}: ${what}`));
    };
    req.on('finish', () => {
      written = true;
    });
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.byteLength;
        if (size > MAX_ANSWER_BYTES) req.destroy(new Error('answer too large'));
        else chunks.push(c);
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(body);
  });
}

/** `Retry-After` in seconds or as a date, in ms from `now`. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The status codes every help desk shares: 429 and 5xx may heal; 401 and 403 are our
 * credentials (an admin must act); any other 4xx is this ticket's fault. Null for 2xx/3xx.
 */
export function statusError(answer: HttpAnswer, detail: string): TicketError | null {
  const { status } = answer;
  if (status < 400) return null;
  const text = detail.trim() || `HTTP ${status}`;
  if (status === 429) return new TicketError('retryable', `HTTP 429: ${text}`, retryAfterMs(answer.headers));
  if (status >= 500) return new TicketError('retryable', `HTTP ${status}: ${text}`);
  if (status === 401 || status === 403) return new TicketError('misconfigured', `HTTP ${status}: ${text}`);
  return new TicketError('rejected', `HTTP ${status}: ${text}`);
}

/** JSON.parse that answers null instead of throwing (a proxy's HTML error page is not JSON). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** `WHMCS_URL` and friends may be given with or without a trailing slash. */
export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
