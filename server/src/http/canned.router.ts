import { CannedInput, EntityId, type CannedList, type CannedResult } from '@introserv/shared';
import { Router, type RequestHandler } from 'express';
import type { CannedService } from '../canned/canned.service.js';
import { parseWith } from './parse-body.js';

/** `/api/canned`: every operator reads canned responses; admins create, change and delete them. */
export function cannedRouter(canned: CannedService, adminOnly: RequestHandler): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ responses: await canned.list() } satisfies CannedList);
  });
  router.post('/', adminOnly, async (req, res) => {
    res.status(201).json({ response: await canned.create(parseWith(CannedInput, req.body)) } satisfies CannedResult);
  });
  router.put('/:id', adminOnly, async (req, res) => {
    res.json({ response: await canned.update(parseWith(EntityId, req.params.id), parseWith(CannedInput, req.body)) } satisfies CannedResult);
  });
  router.delete('/:id', adminOnly, async (req, res) => {
    await canned.delete(parseWith(EntityId, req.params.id));
    res.status(204).end();
  });
  return router;
}
