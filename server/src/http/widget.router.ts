import { AppError, ErrorCode, WidgetSettingsQuery, type WidgetSettings } from '@introserv/shared';
import { Router } from 'express';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { DepartmentListCache } from '../departments/department-list-cache.js';
import { parseWith } from './parse-body.js';

/**
 * `GET /widget/settings?site=<id>`: the loader's first request. It checks the page's origin
 * before anything is drawn, so a site missing from `ALLOWED_ORIGINS` shows no chat that
 * could never connect, and learns why in one clear error.
 */
export function widgetRouter(origins: OriginPolicy, deps: { departments: Pick<DepartmentListCache, 'list'>; leaveMessageAfterSeconds: number }): Router {
  const router = Router();
  router.get('/widget/settings', async (req, res) => {
    const origin = req.headers.origin;
    // Readable by any page, so that a refused one can read the reason, not just a CORS failure.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Cache-Control', 'no-store');
    const { site } = parseWith(WidgetSettingsQuery, req.query);
    if (origin && !origins.widgetAllowed(origin, req.headers.host)) {
      throw new AppError(ErrorCode.OriginNotAllowed, `origin ${origin} is not in ALLOWED_ORIGINS`);
    }
    res.json({ siteId: site, leaveMessageAfterSeconds: deps.leaveMessageAfterSeconds, departments: await deps.departments.list() } satisfies WidgetSettings);
  });
  return router;
}
