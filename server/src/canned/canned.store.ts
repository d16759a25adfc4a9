import type { CannedResponse } from '@introserv/shared';

/**
 * Canned responses: prepared answers per language, each with a shortcut unique within its
 * language (kept true in the same step as the save). Implementations: `MemoryCannedStore`,
 * `RedisCannedStore`; `canned.contract.ts`.
 */
export interface CannedStore {
  /** By language, then shortcut. */
  list(): Promise<CannedResponse[]>;
  get(id: string): Promise<CannedResponse | null>;
  /** Creates or replaces; refused when another response of that language has the shortcut. A changed shortcut frees the old one. */
  save(response: CannedResponse): Promise<{ ok: true } | { ok: false; reason: 'shortcut_taken' }>;
  /** False when there was none. */
  delete(id: string): Promise<boolean>;
}

export function byLanguageThenShortcut(a: CannedResponse, b: CannedResponse): number {
  return a.language.localeCompare(b.language) || a.shortcut.localeCompare(b.shortcut) || a.id.localeCompare(b.id);
}
