import { isolate, Signal } from '@introserv/shared/client';
import type { TabLeader } from '@introserv/shared/client/tab-leader';
import type { Activity, Workspace } from '../workspace/workspace.js';
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
  /** Plays the alert sound (the client kit's chime); a no-op where audio is not available. */
  beep?: () => void;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Whether this tab makes the noise for an activity: only one console tab does (the client kit's TabLeader). Absent: this one. */
  leader?: Pick<TabLeader, 'claim'>;
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
    if (this.env.leader && !this.env.leader.claim(activityKey(a))) return;
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

/**
 * What the tabs claim, when they decide without Web Locks: the same activity has the same key in
 * every tab (a message by its id, a chat's change by the moment it changed), a new one a new key.
 */
function activityKey(a: Activity): string {
  return a.type === 'message' ? a.message.id : `${a.type}:${a.conversation.id}:${a.conversation.updatedAt}`;
}

function readMuted(storage: NotifierEnv['storage']): boolean {
  try {
    return storage?.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}
