import type { SiteSettings, StatusNotice } from '@introserv/shared';

/**
 * The widget's settings an admin chose in the console, and the service-status notice now
 * posted. One record per deployment. Implementations: `MemorySettingsStore`,
 * `RedisSettingsStore`; `settings.contract.ts`.
 */
export interface SettingsStore {
  /** The saved settings, or null before an admin saved any (the deployment's defaults apply). */
  get(): Promise<SiteSettings | null>;
  save(settings: SiteSettings): Promise<void>;
  /** The posted notice, or null when none is. */
  notice(): Promise<StatusNotice | null>;
  /** Posts (or replaces) the notice; null ends it. */
  saveNotice(notice: StatusNotice | null): Promise<void>;
}
