import { StatsQuery, type Dashboard } from '@introserv/shared';
import { Router } from 'express';
import type { StatsService } from '../stats/stats.service.js';
import { parseWith } from './parse-body.js';

/** `/api/stats?days=7|30` (admins): the dashboard's figures. */
export function statsRouter(stats: StatsService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { days } = parseWith(StatsQuery, req.query);
    res.json((await stats.dashboard(days)) satisfies Dashboard);
  });
  return router;
}
