import { AppError, ErrorCode, pickLanguage, type WidgetRoutes } from '@introserv/shared';
import type { OriginPolicy } from '../../auth/origin-policy.js';
import type { DepartmentListCache } from '../../departments/department-list-cache.js';
import type { SettingsCache } from '../../settings/settings-cache.js';
import { LAUNCHER_LABELS } from '../../settings/widget-label.js';
import type { RouteHandler } from '../route-handler.js';

export interface WidgetSettingsDeps {
  origins: OriginPolicy;
  departments: Pick<DepartmentListCache, 'list'>;
  settings: Pick<SettingsCache, 'get'>;
  /** SMTP is configured: visitors may have transcripts e-mailed. */
  transcriptEmail: boolean;
  uploadMaxBytes: number;
}

/**
 * `GET /widget/settings?site=<id>&lang=<languages>`: the loader's first request. It checks the
 * page's origin before anything is drawn, so a site missing from `ALLOWED_ORIGINS` (and from
 * the admin's allowed origins) shows no chat that could never connect, and learns why in one
 * clear error. The answer carries everything the launcher and the panel need before a
 * conversation: colour, position, greeting, pre-chat fields, the status notice.
 */
export function widgetSettingsHandler(deps: WidgetSettingsDeps): RouteHandler<WidgetRoutes['settings']> {
  return async ({ req, query }) => {
    const lang = pickLanguage((query.lang ?? '').split(',').filter(Boolean));
    // Read first: an origin the admin has just allowed counts at once on this process.
    const [{ settings, notice }, departments] = await Promise.all([deps.settings.get(), deps.departments.list()]);
    const origin = req.headers.origin;
    if (origin && !deps.origins.widgetAllowed(origin, req.headers.host)) {
      throw new AppError(ErrorCode.OriginNotAllowed, `origin ${origin} is not in ALLOWED_ORIGINS`);
    }
    return {
      siteId: query.site,
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
  };
}
