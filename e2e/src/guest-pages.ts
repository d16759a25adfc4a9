import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GuestPage {
  /** Extra markup inside <head> (before anything else). */
  head?: string;
  /** The page's content, before the embed snippet. */
  body?: string;
  /** Attributes of <html>, e.g. `dir="rtl"`. */
  html?: string;
  /** Attributes added to the embed <script> tag, e.g. `data-lang="de"`. */
  embed?: string;
  /** A Content-Security-Policy header, given the chat server's origin. */
  csp?: (chatOrigin: string) => string;
}

export interface GuestSite {
  origin: string;
  /** The URL of the page registered under `name`. */
  url(name: string): string;
  close(): Promise<void>;
}

/**
 * Someone else's website on its own origin: one small HTTP server serving the pages given,
 * each embedding the widget from the chat server with the README's snippet, in whatever
 * hostile surroundings the page sets up (CSP, global CSS, scripts).
 */
export async function startGuestSite(chatServer: () => string, pages: Record<string, GuestPage>): Promise<GuestSite> {
  const http = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1).split('?')[0] ?? '';
    const page = pages[name];
    if (name === 'favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    const chat = chatServer();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(page.csp ? { 'content-security-policy': page.csp(new URL(chat).origin) } : {}) });
    res.end(
      `<!doctype html><html lang="en" ${page.html ?? ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `${page.head ?? ''}<title>A hosting reseller</title></head>` +
        `<body><main><h1>Servers for rent</h1>${page.body ?? ''}</main>` +
        `<script async src="${chat}/widget/loader.js" data-site="introserv" ${page.embed ?? ''}></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    origin,
    url: (name) => `${origin}/${name}`,
    close: () => new Promise((resolve, reject) => http.close((err) => (err ? reject(err) : resolve()))),
  };
}
