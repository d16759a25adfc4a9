import { timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@introserv/shared';
import { Router } from 'express';
import type { Metrics } from '../metrics.js';

/**
 * `GET /metrics` in Prometheus's text format. On the public port it needs
 * `Authorization: Bearer <METRICS_TOKEN>`; on METRICS_PORT (a port of its own, for a private
 * network) `token` is undefined and it is open.
 */
export function metricsRouter(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  router.get('/metrics', async (req, res) => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: { code: ErrorCode.Unauthenticated, message: 'metrics need the bearer token' } });
        return;
      }
    }
    res.set('Content-Type', metrics.registry.contentType).set('Cache-Control', 'no-store');
    res.send(await metrics.registry.metrics());
  });
  return router;
}
