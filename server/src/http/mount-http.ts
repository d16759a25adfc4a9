import { randomUUID } from 'node:crypto';
import { consoleRoutes, widgetRoutes } from '@introserv/shared';
import type { Express } from 'express';
import type { Authenticate } from '../auth/authenticate.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { VisitorTokens } from '../auth/visitor-token.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { StoreHealth } from '../store/store-health.js';
import { bindHttpRoutes, type BoundRoute } from './bind-routes.js';
import { consoleHandlers, type ConsoleHandlerDeps } from './console/console-handlers.js';
import { healthRouter } from './health.router.js';
import { apiNotFound, errorHandler } from './http-error.js';
import { metricsRouter } from './metrics.router.js';
import { securityHeaders } from './security-headers.js';
import { staticRouter, type StaticDirs } from './static.router.js';
import { widgetHandlers, type WidgetHandlerDeps } from './widget/widget-handlers.js';

export interface HttpDeps {
  config: Pick<Config, 'trustProxy' | 'publicUrl' | 'metrics' | 'timings'>;
  log: Logger;
  /** Store failures in a request are counted and logged once per window here. */
  health: StoreHealth;
  metrics: Metrics;
  /** What `/readyz` pings. */
  store: { kind: 'memory' | 'redis'; ping(): Promise<void> };
  /** The process is shutting down: `/readyz` says so. */
  draining: () => boolean;
  origins: OriginPolicy;
  authenticate: Authenticate;
  visitorTokens: Pick<VisitorTokens, 'resolveBearer'>;
  widget: WidgetHandlerDeps;
  console: ConsoleHandlerDeps;
  staticDirs: StaticDirs;
}

/**
 * Everything the server answers over HTTP, in order: headers every answer carries, the
 * system routes (metrics, health), the widget's and the console's routes bound from their
 * registries in shared/ (a new route is declared there and gets its handler in `widget/` or
 * `console/`), the API's JSON 404, the static files, and the one error handler.
 * Returns the registry routes it bound.
 */
export function mountHttp(app: Express, deps: HttpDeps): BoundRoute[] {
  const { config } = deps;
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders({ hsts: config.publicUrl.startsWith('https:') }));
  // Every request gets an id: in the answer's X-Request-Id and in the lines logged about it (errors).
  app.use((_req, res, next) => {
    res.locals.requestId = randomUUID();
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    next();
  });
  // METRICS_PORT serves /metrics on a port of its own instead (app.ts).
  if (config.metrics.token && !config.metrics.port) app.use(metricsRouter(deps.metrics, config.metrics.token));
  app.use(healthRouter(deps.store, config.timings.readyTimeoutMs, deps.draining));

  const guards = { origins: deps.origins, authenticate: deps.authenticate, visitors: deps.visitorTokens };
  const bound = [
    ...bindHttpRoutes(app, widgetRoutes, widgetHandlers(deps.widget), { ...guards, surface: 'widget' }),
    ...bindHttpRoutes(app, consoleRoutes, consoleHandlers(deps.console), { ...guards, surface: 'console' }),
  ];
  app.use('/api', apiNotFound);
  app.use(staticRouter(deps.staticDirs));
  app.use(errorHandler(deps.log, deps.health));
  return bound;
}
