import { isolate, Signal } from '@introserv/shared/client';
import type { Activity, Workspace } from '../app/workspace.js';
import { visitorLabel } from '../conversations/label.js';
import type { Translate } from '../i18n/i18n.js';

/** What the notifier watches: the workspace's activity, unread counts, conversations and selection. */
export type NotifierSource = Pick<Workspace, 'onActivity' | 'unread' | 'store' | 'ui' | 'select'>;

/** The browser's pieces, injected so that tests (and browsers without them) work. */
export interface NotifierEnv {
  document: { title: string; visibilityState: DocumentVisibilityState };
  focusWindow?: () => void;
  Notification?: {
    readonly permission: NotificationPermission;
    requestPermission(): Promise<NotificationPermission>;
    new (title: string, options?: NotificationOptions): Pick<Notification, 'onclick' | 'close'>;
  };
  /** Plays the alert sound; a no-op where audio is not available. */
  beep?: () => void;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Resolves once this tab may make noise: only one console tab does (see `leaderLock`). */
  leadership?: Promise<void>;
}

export type DesktopState = NotificationPermission | 'unsupported';

const MUTED_KEY = 'introserv.console.muted';

/**
 * New chats and messages while the console is in the background: a sound (which can be
 * muted), a desktop notification (once permission is given) and the number of unread
 * messages and waiting chats in the tab's title. Only one console tab of the browser makes
 * sounds and notifications (the leader); every tab keeps its own title.
 */
export class Notifier {
  readonly muted: Signal<boolean>;
  readonly desktop: Signal<DesktopState>;
  private readonly baseTitle: string;
  private leader = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly source: NotifierSource,
    private readonly env: NotifierEnv,
    private readonly t: Translate,
  ) {
    this.baseTitle = env.document.title;
    this.muted = new Signal(readMuted(env.storage));
    this.desktop = new Signal<DesktopState>(env.Notification ? env.Notification.permission : 'unsupported');
  }

  start(): void {
    const leadership = this.env.leadership ?? Promise.resolve();
    void leadership.then(() => {
      this.leader = true;
    });
    this.cleanups.push(this.source.onActivity((a) => this.notice(a)));
    const retitle = (): void => this.retitle();
    this.cleanups.push(this.source.unread.subscribe(retitle), this.source.store.subscribe(retitle));
    this.retitle();
  }

  stop(): void {
    for (const fn of this.cleanups.splice(0)) fn();
    this.env.document.title = this.baseTitle;
  }

  toggleMute(): void {
    this.muted.set(!this.muted.value);
    try {
      this.env.storage?.setItem(MUTED_KEY, this.muted.value ? '1' : '0');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }

  async enableDesktop(): Promise<void> {
    if (!this.env.Notification) return;
    this.desktop.set(await this.env.Notification.requestPermission());
  }

  /** Unread visitor messages plus chats waiting for someone: what the title counts. */
  attention(): number {
    const unread = Object.values(this.source.unread.value).reduce((a, b) => a + b, 0);
    const waiting = Object.values(this.source.store.value.conversations).filter((c) => c.status === 'queued').length;
    return unread + waiting;
  }

  private retitle(): void {
    const n = this.attention();
    this.env.document.title = n > 0 ? `(${n}) ${this.baseTitle}` : this.baseTitle;
  }

  private notice(a: Activity): void {
    const hidden = this.env.document.visibilityState === 'hidden';
    // A message in the chat on screen needs no alert.
    if (!hidden && a.type === 'message' && this.source.ui.value.selectedId === a.conversation.id) return;
    if (!this.leader) return;
    if (!this.muted.value) this.env.beep?.();
    if (hidden && this.env.Notification && this.desktop.value === 'granted') this.show(a);
  }

  private show(a: Activity): void {
    const Notification = this.env.Notification;
    if (!Notification) return;
    const who = visitorLabel(a.conversation.visitor, this.t);
    const title = a.type === 'waiting' ? this.t('notify.newChat') : a.type === 'assigned' ? this.t('notify.assigned') : this.t('notify.newMessage', { name: isolate(who) });
    const body = a.type === 'message' ? a.message.text.slice(0, 140) : `${isolate(who)}: ${isolate(a.conversation.lastMessage?.text.slice(0, 140) ?? '')}`;
    // One notification per conversation: a newer one replaces the older (same tag).
    const n = new Notification(title, { body, tag: a.conversation.id });
    n.onclick = () => {
      this.env.focusWindow?.();
      this.source.select(a.conversation.id);
      n.close();
    };
  }
}

function readMuted(storage: NotifierEnv['storage']): boolean {
  try {
    return storage?.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Leadership among the console tabs of one browser: the Web Locks API grants the lock to one
 * tab at a time, and to the next when it closes. Without the API every tab leads.
 */
export function leaderLock(name = 'introserv-console-notifications'): Promise<void> {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return Promise.resolve();
  return new Promise((resolve) => {
    // Held for the tab's lifetime: the promise given to the lock never settles.
    void locks.request(name, () => {
      resolve();
      return new Promise<never>(() => {});
    });
  });
}

/** Two short tones through Web Audio: no sound file to fetch. Needs a page the operator has interacted with. */
export function makeBeep(): () => void {
  let ctx: AudioContext | null = null;
  return () => {
    try {
      ctx ??= new AudioContext();
      const start = ctx.currentTime;
      for (const [i, freq] of [880, 1320].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, start + i * 0.15);
        gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.15 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.15 + 0.14);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start + i * 0.15);
        osc.stop(start + i * 0.15 + 0.15);
      }
    } catch {
      // No audio here (a browser without Web Audio): the title and notifications still tell.
    }
  };
}
