import type { SiteSettings, StatusNotice } from '@introserv/shared';
import type { SettingsStore } from './settings.store.js';

export interface CurrentSettings {
  settings: SiteSettings;
  notice: StatusNotice | null;
}

/**
 * The settings as page loads and handshakes need them: read from the store at most once per
 * `ttlMs`; when the store cannot answer (Redis down), the last settings known (or the
 * deployment's defaults), so an outage never hides the chat from a page. `peek` is
 * synchronous for the origin checks of every handshake: it answers from memory and refreshes
 * in the background when the value is old. A change made on this process counts at once;
 * other processes see it within `ttlMs`.
 */
export class SettingsCache {
  private last: { value: CurrentSettings; at: number } | null = null;
  private refreshing: Promise<CurrentSettings> | null = null;

  constructor(
    private readonly store: Pick<SettingsStore, 'get' | 'notice'>,
    private readonly defaults: SiteSettings,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current settings; reads the store when what is kept is older than the ttl. */
  async get(): Promise<CurrentSettings> {
    if (this.last && this.now() - this.last.at < this.ttlMs) return this.last.value;
    return this.refresh();
  }

  /** What is kept now, without waiting (the defaults before the first read); starts a refresh when old. */
  peek(): CurrentSettings {
    if (!this.last || this.now() - this.last.at >= this.ttlMs) void this.refresh();
    return this.last?.value ?? { settings: this.defaults, notice: null };
  }

  /** This process changed the settings: keep the new ones without asking the store. */
  set(value: CurrentSettings): void {
    this.last = { value, at: this.now() };
  }

  private refresh(): Promise<CurrentSettings> {
    this.refreshing ??= (async () => {
      try {
        const [settings, notice] = await Promise.all([this.store.get(), this.store.notice()]);
        this.set({ settings: settings ?? this.defaults, notice });
      } catch {
        // Keep serving what we had; try again at the next read after a short pause.
        if (this.last) this.last.at = this.now() - this.ttlMs + Math.min(this.ttlMs, 1_000);
      } finally {
        this.refreshing = null;
      }
      return this.last?.value ?? { settings: this.defaults, notice: null };
    })();
    return this.refreshing;
  }
}
