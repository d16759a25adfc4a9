import type { Readiness } from '@introserv/shared';
import { Router } from 'express';
import type { Store } from '../store/store.js';

/** `/healthz`: the process answers. `/readyz`: and its store does too (load balancers route on this). */
export function healthRouter(store: Store): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const ok = await Promise.race([
      store.ping().then(() => true, () => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000).unref()),
    ]);
    res.status(ok ? 200 : 503).json({ ok, store: store.kind } satisfies Readiness);
  });
  return router;
}
