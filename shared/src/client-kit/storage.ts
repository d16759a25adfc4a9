/** The part of `Storage` the clients use; tests pass `localStorage` or a Map-backed fake. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * localStorage that never throws: it can be missing or refuse writes (Safari private
 * mode, blocked site data, quota). The chat then still works for the page's lifetime.
 *
 * @example
 * const storage = safeStorage(() => localStorage);
 * storage.setItem('k', 'v'); // a refused write is dropped, not thrown
 */
export function safeStorage(get: () => KeyValueStore): KeyValueStore {
  const attempt = <T>(fn: (s: KeyValueStore) => T, fallback: T): T => {
    try {
      return fn(get());
    } catch {
      return fallback;
    }
  };
  return {
    getItem: (key) => attempt((s) => s.getItem(key), null),
    setItem: (key, value) => attempt((s) => s.setItem(key, value), undefined),
    removeItem: (key) => attempt((s) => s.removeItem(key), undefined),
  };
}
