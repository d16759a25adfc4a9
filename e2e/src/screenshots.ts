/**
 * Renders the README's screenshots (docs/screenshots/*.png) from a real run:
 * `pnpm build && pnpm --filter @introserv/e2e screenshots`.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.js';
import { ADMIN, startServer } from './server.js';
import { send } from './pages.js';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(OUT, { recursive: true });

const server = await startServer();
const browser = await launchChromium();
try {
  const visitorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const visitor = await visitorCtx.newPage();
  await visitor.goto(`${server.url}/`);
  await visitor.locator('[data-testid="launcher"]').click();
  await send(visitor, 'Hallo! Mein Server 203.0.113.7 antwortet seit 10:40 MEZ nicht mehr.');

  const opCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const op = await opCtx.newPage();
  await op.goto(`${server.url}/console/`);
  await op.locator('[data-testid="login-email"]').fill(ADMIN.email);
  await op.locator('[data-testid="login-password"]').fill(ADMIN.password);
  await op.locator('[data-testid="login-submit"]').click();
  await op.locator('[data-testid="conversation-item"][data-status="assigned"]').first().click();
  await send(op, 'Hallo, ich sehe mir das sofort an. Ist es ein dedizierter Server oder ein VPS?');
  await visitor.locator('[data-testid="message"][data-author="operator"]').waitFor();
  await op.waitForTimeout(300);
  await visitor.screenshot({ path: `${OUT}widget.png` });
  await op.screenshot({ path: `${OUT}console.png` });

  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: 'tr-TR' });
  const phone = await phoneCtx.newPage();
  await phone.goto(`${server.url}/`);
  await phone.locator('[data-testid="launcher"]').click();
  await phone.locator('[data-testid="panel"]').waitFor();
  await phone.waitForTimeout(300);
  await phone.screenshot({ path: `${OUT}widget-phone.png` });
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
