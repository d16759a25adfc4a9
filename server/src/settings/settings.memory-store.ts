import type { SiteSettings, StatusNotice } from '@introserv/shared';
import type { SettingsStore } from './settings.store.js';

export class MemorySettingsStore implements SettingsStore {
  private settings: SiteSettings | null = null;
  private posted: StatusNotice | null = null;

  async get(): Promise<SiteSettings | null> {
    return structuredClone(this.settings);
  }

  async save(settings: SiteSettings): Promise<void> {
    this.settings = structuredClone(settings);
  }

  async notice(): Promise<StatusNotice | null> {
    return structuredClone(this.posted);
  }

  async saveNotice(notice: StatusNotice | null): Promise<void> {
    this.posted = structuredClone(notice);
  }
}
