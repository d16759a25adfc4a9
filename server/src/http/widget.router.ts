import { createHash } from 'node:crypto';
import { AppError, ErrorCode, pickLanguage, WidgetSettingsQuery, type WidgetSettings } from '@introserv/shared';
import { Router } from 'express';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { DepartmentListCache } from '../departments/department-list-cache.js';
import type { SettingsCache } from '../settings/settings-cache.js';
import { LAUNCHER_LABELS } from '../settings/widget-label.js';
import { parseWith } from './parse-body.js';

export interface WidgetRouterDeps {
  departments: Pick<DepartmentListCache, 'list'>;
  settings: Pick<SettingsCache, 'get'>;
  /** SMTP is configured: visitors may have transcripts e-mailed. */
  transcriptEmail: boolean;
  uploadMaxBytes: number;
}

/**
 * How long a browser reuses the settings before asking again (with If-None-Match, so an
 * unchanged answer is a bodiless 304). With the server's own 30 s cache, a change reaches
 * every page within about a minute and a half, without touching the host page.
 */
const BROWSER_CACHE = 'public, max-age=60';

/**
 * `GET /widget/settings?site=<id>&lang=<language>`: the loader's first request. It checks the
 * page's origin before anything is drawn, so a site missing from `ALLOWED_ORIGINS` (and from
 * the admin's allowed origins) shows no chat that could never connect, and learns why in one
 * clear error. The answer carries everything the launcher and the panel need before a
 * conversation: colour, position, greeting, pre-chat fields, the status notice.
 */
export function widgetRouter(origins: OriginPolicy, deps: WidgetRouterDeps): Router {
  const router = Router();
  router.get('/widget/settings', async (req, res) => {
    const origin = req.headers.origin;
    // Readable by any page, so that a refused one can read the reason, not just a CORS failure.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Cache-Control', 'no-store');
    const { site, lang: tags = '' } = parseWith(WidgetSettingsQuery, req.query);
    const lang = pickLanguage(tags.split(',').filter(Boolean));
    // Read first: an origin the admin has just allowed counts at once on this process.
    const [{ settings, notice }, departments] = await Promise.all([deps.settings.get(), deps.departments.list()]);
    if (origin && !origins.widgetAllowed(origin, req.headers.host)) {
      throw new AppError(ErrorCode.OriginNotAllowed, `origin ${origin} is not in ALLOWED_ORIGINS`);
    }
    const body: WidgetSettings = {
      siteId: site,
      leaveMessageAfterSeconds: settings.leaveMessageAfterSeconds,
      departments,
      language: lang,
      label: LAUNCHER_LABELS[lang],
      color: settings.color,
      position: settings.position,
      greeting: settings.greeting,
      preChat: settings.preChat,
      notice,
      transcriptEmail: deps.transcriptEmail,
      uploadMaxBytes: deps.uploadMaxBytes,
    };
    const json = JSON.stringify(body);
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
    res.setHeader('Cache-Control', BROWSER_CACHE);
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type('json').send(json);
  });
  return router;
}
