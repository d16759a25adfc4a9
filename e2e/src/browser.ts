import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser download here). Off CI a machine
 * without it skips the browser tests; with CI=true they must fail instead.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export function chromiumAvailable(): boolean {
  if (!CHROMIUM_PATH && process.env.CI === 'true') {
    throw new Error('Chromium is not installed, and CI=true forbids skipping the browser tests (apt-get install chromium)');
  }
  return CHROMIUM_PATH !== undefined;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No network here but loopback: keep Chromium from phoning home at every start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
