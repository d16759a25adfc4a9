import { NoticeInput, SiteSettings, type AdminSettings } from '@introserv/shared';
import { Router } from 'express';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { SettingsCache } from '../settings/settings-cache.js';
import type { SettingsStore } from '../settings/settings.store.js';
import { parseWith } from './parse-body.js';
import { authenticated } from './request-guards.js';

/**
 * `/api/settings` (admins only, mounted behind requireOperator + requireAdmin): the widget's
 * settings and the service-status notice. A change counts on this process at once and on the
 * others within the settings cache time; visitors' pages pick it up without any redeploy.
 */
export function settingsRouter(deps: {
  store: SettingsStore;
  cache: Pick<SettingsCache, 'set'>;
  defaults: SiteSettings;
  config: Pick<Config, 'allowedOrigins' | 'publicUrl' | 'smtp'>;
  log: Logger;
  now?: () => number;
}): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  /** What is stored now (not the cache): the admin sees the truth, or a 503 while the store is down. */
  const answer = async (): Promise<AdminSettings> => {
    const [settings, notice] = await Promise.all([deps.store.get(), deps.store.notice()]);
    const current = { settings: settings ?? deps.defaults, notice };
    deps.cache.set(current);
    return { ...current, environmentOrigins: deps.config.allowedOrigins, transcriptEmail: deps.config.smtp !== undefined, publicUrl: deps.config.publicUrl };
  };

  router.get('/', async (_req, res) => {
    res.json(await answer());
  });

  router.put('/', async (req, res) => {
    const settings = parseWith(SiteSettings, req.body);
    await deps.store.save(settings);
    deps.log.info({ operatorId: authenticated(res).operator.id }, 'widget settings changed');
    res.json(await answer());
  });

  router.put('/notice', async (req, res) => {
    const input = parseWith(NoticeInput, req.body);
    await deps.store.saveNotice({ ...input, postedAt: now() });
    deps.log.info({ operatorId: authenticated(res).operator.id, kind: input.kind }, 'status notice posted');
    res.json(await answer());
  });

  router.delete('/notice', async (_req, res) => {
    await deps.store.saveNotice(null);
    deps.log.info({ operatorId: authenticated(res).operator.id }, 'status notice ended');
    res.json(await answer());
  });

  return router;
}
