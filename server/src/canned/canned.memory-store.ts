import type { CannedResponse } from '@introserv/shared';
import { byLanguageThenShortcut, type CannedStore } from './canned.store.js';

export class MemoryCannedStore implements CannedStore {
  private readonly responses = new Map<string, CannedResponse>();

  async list(): Promise<CannedResponse[]> {
    return [...this.responses.values()].map((r) => ({ ...r })).sort(byLanguageThenShortcut);
  }

  async get(id: string): Promise<CannedResponse | null> {
    const r = this.responses.get(id);
    return r ? { ...r } : null;
  }

  async save(response: CannedResponse): Promise<{ ok: true } | { ok: false; reason: 'shortcut_taken' }> {
    const holder = [...this.responses.values()].find((r) => r.language === response.language && r.shortcut === response.shortcut);
    if (holder && holder.id !== response.id) return { ok: false, reason: 'shortcut_taken' };
    this.responses.set(response.id, { ...response });
    return { ok: true };
  }

  async delete(id: string): Promise<boolean> {
    return this.responses.delete(id);
  }
}
