import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router, type Response } from 'express';
import { LANGUAGES } from '@introserv/shared';

export interface StaticDirs {
  /** widget/dist: loader.js, chat.js and their chunks. */
  widget: string;
  /** console/dist: the console SPA. */
  console: string;
}

export const defaultStaticDirs: StaticDirs = {
  widget: fileURLToPath(new URL('../../../widget/dist', import.meta.url)),
  console: fileURLToPath(new URL('../../../console/dist', import.meta.url)),
};

const DEMO_DIR = fileURLToPath(new URL('./demo', import.meta.url));

/** Scripts only from here; styles inline are needed by the widget's shadow root and the demo. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

/**
 * `/` the demo host page, `/widget/` the embeddable bundle (cross-origin readable: host
 * pages import its modules), `/console/` the operator SPA.
 */
export function staticRouter(dirs: StaticDirs): Router {
  const router = Router();
  const demoHtml = readFileSync(`${DEMO_DIR}/index.html`, 'utf8');

  router.get('/', (req, res) => {
    // `/?lang=de` shows the widget in another language, as `data-lang` would on a real site.
    const lang = LANGUAGES.find((l) => l === req.query.lang);
    securityHeaders(res);
    res.type('html').send(lang ? demoHtml.replace('data-site="introserv"', `data-site="introserv" data-lang="${lang}"`) : demoHtml);
  });
  router.use('/demo', express.static(DEMO_DIR, { index: false }));

  router.use(
    '/widget',
    notBuilt(dirs.widget, 'widget'),
    express.static(dirs.widget, {
      index: false,
      setHeaders(res, path) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        // loader.js and chat.js keep their names across releases; the hashed chunks never change.
        const stable = /[\\/](loader|chat)\.js$/.test(path);
        res.setHeader('Cache-Control', stable ? 'public, max-age=300' : 'public, max-age=31536000, immutable');
      },
    }),
  );

  router.use('/console', notBuilt(dirs.console, 'console'), (_req, res, next) => {
    securityHeaders(res);
    next();
  });
  router.use('/console', express.static(dirs.console, { index: 'index.html' }));
  // Client-side routes of the SPA.
  router.get(/^\/console(\/.*)?$/, (_req, res) => {
    res.sendFile('index.html', { root: dirs.console });
  });
  return router;
}

function notBuilt(dir: string, name: string) {
  return (_req: unknown, res: Response, next: () => void) => {
    if (existsSync(dir)) { next(); return; }
    res.status(503).type('text').send(`The ${name} is not built yet: run "pnpm build".`);
  };
}
