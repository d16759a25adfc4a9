import type { AdminSettings, ConsoleRoutes, SiteSettings } from '@introserv/shared';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { SettingsCache } from '../../settings/settings-cache.js';
import type { SettingsStore } from '../../settings/settings.store.js';
import type { RouteHandlers } from '../route-handler.js';

type Names = 'settings.get' | 'settings.save' | 'settings.postNotice' | 'settings.endNotice';

/**
 * The widget's settings and the service-status notice (admins). A change counts on this
 * process at once and on the others within the settings cache time; visitors' pages pick it
 * up without any redeploy.
 */
export function settingsHandlers(deps: {
  store: SettingsStore;
  cache: Pick<SettingsCache, 'set'>;
  defaults: SiteSettings;
  config: Pick<Config, 'allowedOrigins' | 'publicUrl' | 'smtp'>;
  log: Logger;
  now?: () => number;
}): Pick<RouteHandlers<ConsoleRoutes>, Names> {
  const now = deps.now ?? Date.now;

  /** What is stored now (not the cache): the admin sees the truth, or a 503 while the store is down. */
  const answer = async (): Promise<AdminSettings> => {
    const [settings, notice] = await Promise.all([deps.store.get(), deps.store.notice()]);
    const current = { settings: settings ?? deps.defaults, notice };
    deps.cache.set(current);
    return { ...current, environmentOrigins: deps.config.allowedOrigins, transcriptEmail: deps.config.smtp !== undefined, publicUrl: deps.config.publicUrl };
  };

  return {
    'settings.get': answer,
    'settings.save': async ({ body, auth }) => {
      await deps.store.save(body);
      deps.log.info({ operatorId: auth.operator.id }, 'widget settings changed');
      return answer();
    },
    'settings.postNotice': async ({ body, auth }) => {
      await deps.store.saveNotice({ ...body, postedAt: now() });
      deps.log.info({ operatorId: auth.operator.id, kind: body.kind }, 'status notice posted');
      return answer();
    },
    'settings.endNotice': async ({ auth }) => {
      await deps.store.saveNotice(null);
      deps.log.info({ operatorId: auth.operator.id }, 'status notice ended');
      return answer();
    },
  };
}
