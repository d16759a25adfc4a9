import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  /** The page's URL; its origin differs from the chat server's (another port). */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * Someone else's website: a tiny page on its own local HTTP server that embeds the widget
 * from the chat server with the snippet from the README, as a site owner would.
 */
export async function startHostPage(chatServer: () => string): Promise<HostPage> {
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A hosting reseller</title></head>` +
        `<body><h1>Servers for rent</h1>` +
        `<script async src="${chatServer()}/widget/loader.js" data-site="introserv"></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () => new Promise((resolve, reject) => http.close((err) => (err ? reject(err) : resolve()))),
  };
}
