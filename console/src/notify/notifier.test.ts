import { Signal } from '@introserv/shared/client';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Activity } from '../workspace/workspace.js';
import { initI18n, translate } from '../i18n/i18n.js';
import { conversation, message, visitor } from '../testing/fixtures.js';
import { Notifier, type NotifierEnv, type NotifierSource } from './notifier.js';

beforeAll(async () => {
  await initI18n('en');
});

function setup(over: Partial<NotifierEnv> = {}) {
  const listeners = new Set<(a: Activity) => void>();
  const store = new Signal({ conversations: {}, histories: {} });
  const ui = new Signal({ selectedId: null as string | null, connection: 'online' as const, error: null, busy: null, loading: false, presence: { status: null, pending: null } });
  const select = vi.fn((id: string) => ui.update((u) => ({ ...u, selectedId: id })));
  const source = {
    onActivity: (fn: (a: Activity) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    unread: new Signal<Readonly<Record<string, number>>>({}),
    store,
    ui,
    select,
  } as unknown as NotifierSource;
  const doc = { title: 'INTROSERV Live Chat', visibilityState: 'visible' as DocumentVisibilityState };
  const shown: { title: string; options?: NotificationOptions; onclick: (() => void) | null }[] = [];
  class FakeNotification {
    static permission: NotificationPermission = 'granted';
    static requestPermission = vi.fn(async (): Promise<NotificationPermission> => 'granted');
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push(Object.assign(this, { title, options }));
    }
    close(): void {}
  }
  const beep = vi.fn();
  const storage = new Map<string, string>();
  const env: NotifierEnv = {
    document: doc,
    beep,
    Notification: FakeNotification,
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    ...over,
  };
  const notifier = new Notifier(source, env, translate);
  notifier.start();
  const tell = (a: Activity) => {
    for (const fn of listeners) fn(a);
  };
  return { notifier, doc, beep, shown, tell, store, ui, unread: source.unread, select, storage };
}

const c1 = conversation({ id: 'c1', visitor: visitor({ id: 'v1', name: 'Mira' }) });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('Notifier', () => {
  it('counts unread messages and waiting chats in the tab title', async () => {
    const { doc, store, unread, notifier } = setup();
    expect(doc.title).toBe('INTROSERV Live Chat');
    store.set({ conversations: { c1, c2: conversation({ id: 'c2', status: 'assigned' }) }, histories: {} });
    expect(doc.title).toBe('(1) INTROSERV Live Chat');
    unread.set({ c2: 2 });
    expect(doc.title).toBe('(3) INTROSERV Live Chat');
    notifier.stop();
    expect(doc.title).toBe('INTROSERV Live Chat');
  });

  it('beeps for a new chat or a message in a chat not on screen, and not for the chat on screen; mute is remembered', async () => {
    const { tell, beep, ui, notifier, storage } = setup();
    await flush();
    tell({ type: 'waiting', conversation: c1 });
    expect(beep).toHaveBeenCalledTimes(1);
    ui.update((u) => ({ ...u, selectedId: 'c1' }));
    tell({ type: 'message', conversation: c1, message: message('c1', '1700000000001-0') });
    expect(beep).toHaveBeenCalledTimes(1);
    tell({ type: 'message', conversation: conversation({ id: 'c9' }), message: message('c9', '1700000000001-0') });
    expect(beep).toHaveBeenCalledTimes(2);
    notifier.toggleMute();
    expect(storage.get('introserv.console.muted')).toBe('1');
    tell({ type: 'waiting', conversation: c1 });
    expect(beep).toHaveBeenCalledTimes(2);
  });

  it('shows a desktop notification while the tab is hidden, and its click opens the chat', async () => {
    const { tell, doc, shown, select } = setup();
    await flush();
    tell({ type: 'waiting', conversation: c1 });
    expect(shown).toHaveLength(0);
    doc.visibilityState = 'hidden';
    tell({ type: 'message', conversation: c1, message: message('c1', '1700000000002-0', { text: 'Are you there?' }) });
    expect(shown.map((n) => [n.title, n.options?.body, n.options?.tag])).toEqual([['New message from \u2068Mira\u2069', 'Are you there?', 'c1']]);
    shown[0]?.onclick?.();
    expect(select).toHaveBeenCalledWith('c1');
  });

  it('makes no noise in a tab that does not lead', async () => {
    const { tell, beep } = setup({ leader: { claim: () => false } });
    await flush();
    tell({ type: 'waiting', conversation: c1 });
    expect(beep).not.toHaveBeenCalled();
  });

  it('asks for desktop permission and says what the browser answered', async () => {
    const asking = { permission: 'default', requestPermission: vi.fn(async (): Promise<NotificationPermission> => 'denied') };
    const { notifier } = setup({ Notification: asking as unknown as NotifierEnv['Notification'] });
    expect(notifier.desktop.value).toBe('default');
    await notifier.enableDesktop();
    expect(notifier.desktop.value).toBe('denied');
  });
});
