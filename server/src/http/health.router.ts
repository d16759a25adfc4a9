import type { Readiness } from '@introserv/shared';
import { Router } from 'express';

/** `/healthz`: the process answers. `/readyz`: and its store does too (load balancers route on this). */
export function healthRouter(store: { kind: 'memory' | 'redis'; ping(): Promise<void> }, readyTimeoutMs: number, draining: () => boolean = () => false): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    // Shutting down: route nobody here any more.
    const ok = !draining() && await Promise.race([
      store.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => { resolve(false); }, readyTimeoutMs).unref()),
    ]);
    res.status(ok ? 200 : 503).json({ ok, store: store.kind } satisfies Readiness);
  });
  return router;
}
