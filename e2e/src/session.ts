import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import type { E2eSession } from './pages.js';
import { startServer, type RunningServer } from './server.js';

/** A real server (Redis store) and a Chromium for the describe block it is called in. */
export function useServerAndBrowser(): E2eSession {
  const session = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    session.server = await startServer();
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
