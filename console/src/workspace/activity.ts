import type { Message } from '@introserv/shared';
import { Signal } from '@introserv/shared/client';
import type { Activity } from './workspace-state.js';

/**
 * What the operator has not seen: visitor messages per conversation that arrived while it was
 * not on screen (counted until it is), and the activity the notifier hears (a sound, a desktop
 * notification, the title's count).
 */
export class Attention {
  /** Visitor messages not seen yet, per conversation. */
  readonly unread = new Signal<Readonly<Record<string, number>>>({});
  private readonly listeners = new Set<(activity: Activity) => void>();

  /** Hears what the operator should notice. */
  onActivity(listener: (activity: Activity) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tell(activity: Activity): void {
    for (const listener of [...this.listeners]) listener(activity);
  }

  /** A visitor wrote: unread unless the conversation is on screen in a visible tab; told either way. */
  visitorWrote(activity: Activity & { message: Message }, onScreen: boolean): void {
    const id = activity.conversation.id;
    if (!onScreen) this.unread.update((u) => ({ ...u, [id]: (u[id] ?? 0) + 1 }));
    this.tell(activity);
  }

  seen(conversationId: string): void {
    if (!this.unread.value[conversationId]) return;
    this.unread.update((u) => {
      const { [conversationId]: _seen, ...rest } = u;
      return rest;
    });
  }
}
