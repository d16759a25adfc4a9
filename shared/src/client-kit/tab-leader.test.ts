import { describe, expect, it } from 'vitest';
import { TabLeader } from './tab-leader.js';

/** Web Locks between "tabs": the first to ask holds the lock until it lets go. */
function lockManager() {
  const waiting: (() => void)[] = [];
  let held = false;
  return {
    request: (_name: string, callback: () => Promise<never>) => {
      const grant = () => {
        held = true;
        void callback();
      };
      if (held) waiting.push(grant);
      else grant();
      return new Promise<never>(() => {});
    },
    /** The leading tab closed: the next waiting one gets the lock. */
    release: () => {
      held = false;
      waiting.shift()?.();
    },
  };
}

describe('TabLeader', () => {
  it('lets exactly one tab act, and the next one once the leader closes', () => {
    const locks = lockManager();
    const tabs = [0, 1, 2].map(() => new TabLeader('introserv-chat:s:sound', { locks: locks as unknown as LockManager }));
    expect(tabs.map((tab) => tab.claim('m1'))).toEqual([true, false, false]);
    locks.release();
    expect(tabs.map((tab) => tab.claim('m2'))).toEqual([true, true, false]);
  });

  it('without Web Locks, the first tab to claim an event acts on it', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const [a, b] = [new TabLeader('k', { storage, locks: undefined }), new TabLeader('k', { storage, locks: undefined })];
    expect([a.claim('m1'), b.claim('m1')]).toEqual([true, false]);
    expect([b.claim('m2'), a.claim('m2')]).toEqual([true, false]);
  });

  it('without Web Locks or storage (or with storage that throws), every tab acts', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => {} };
    expect(new TabLeader('k', { locks: undefined }).claim('m1')).toBe(true);
    expect(new TabLeader('k', { locks: undefined, storage: throwing }).claim('m1')).toBe(true);
  });
});
