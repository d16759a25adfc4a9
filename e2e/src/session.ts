import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import type { E2eSession } from './pages.js';
import { startServer } from './server.js';

/**
 * A real server (Redis store) and a Chromium for the describe block it is called in.
 * `env` adds to the server's environment; it is read when the server starts, so it may
 * depend on what earlier `beforeAll` hooks set up.
 */
export function useServerAndBrowser(env: () => Record<string, string> = () => ({})): E2eSession {
  // Filled by beforeAll; afterAll copes with a beforeAll that failed half-way.
  const session: { -readonly [K in keyof E2eSession]?: E2eSession[K] } = {};
  beforeAll(async () => {
    session.server = await startServer(env());
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session as E2eSession;
}
