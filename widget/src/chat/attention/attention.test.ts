import { afterEach, describe, expect, it, vi } from 'vitest';
import { SoundLeader, TitleFlash } from './attention.js';

/** Web Locks between "tabs": the first to ask holds the lock until it lets go. */
function lockManager() {
  const waiting: (() => void)[] = [];
  let held = false;
  const manager = {
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
  return manager;
}

describe('SoundLeader', () => {
  it('lets exactly one tab play, and the next one once the leader closes', () => {
    const locks = lockManager();
    const tabs = [0, 1, 2].map(() => new SoundLeader('introserv-chat:s:sound', null, locks as unknown as LockManager));
    expect(tabs.map((tab) => tab.claim('m1'))).toEqual([true, false, false]);
    locks.release();
    expect(tabs.map((tab) => tab.claim('m2'))).toEqual([true, true, false]);
  });

  it('without Web Locks, the first tab to claim a message plays it', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const [a, b] = [new SoundLeader('k', storage, undefined), new SoundLeader('k', storage, undefined)];
    expect([a.claim('m1'), b.claim('m1')]).toEqual([true, false]);
    expect([b.claim('m2'), a.claim('m2')]).toEqual([true, false]);
  });
});

describe('TitleFlash', () => {
  afterEach(() => vi.useRealTimers());

  it('alternates the title, keeps the page’s own later change, and restores it when stopped', () => {
    vi.useFakeTimers();
    const doc = { title: 'Pricing' };
    const flash = new TitleFlash(doc, 1000);
    flash.start('(1) New message');
    vi.advanceTimersByTime(1000);
    expect(doc.title).toBe('(1) New message');
    flash.start('(2) New message');
    vi.advanceTimersByTime(1000);
    expect(doc.title).toBe('Pricing');
    doc.title = 'Pricing · Cart (1)';
    vi.advanceTimersByTime(1000);
    expect(doc.title).toBe('(2) New message');
    flash.stop();
    expect(doc.title).toBe('Pricing · Cart (1)');
    expect(flash.active).toBe(false);
  });
});
