import type { Escalation, OperatorServerEvents } from '@introserv/shared';
import { Signal } from '@introserv/shared/client';
import type { OperatorSocket } from '../realtime/channel.js';
import type { EscalationApi } from './escalation-api.js';

export interface DeskState {
  /** Each loaded conversation's escalations, oldest first. */
  byConversation: Record<string, Escalation[]>;
  /** Failed and unconfirmed escalations: the alert. */
  attention: Escalation[];
}

/** Adds or replaces an escalation in a list kept in creation order; an older snapshot never wins. */
export function upsert(list: readonly Escalation[], e: Escalation): Escalation[] {
  const at = list.findIndex((x) => x.id === e.id);
  if (at === -1) return [...list, e].sort((a, b) => a.createdAt - b.createdAt);
  if ((list[at]?.updatedAt ?? 0) > e.updatedAt) return [...list];
  return list.map((x, i) => (i === at ? e : x));
}

const needsAttention = (e: Escalation) => e.state === 'failed' || e.state === 'unconfirmed';

/** Applies one `escalation:updated` fact (or an API answer) to the state. */
export function applyEscalation(state: DeskState, e: Escalation): DeskState {
  const byConversation = e.conversationId && state.byConversation[e.conversationId] ? { ...state.byConversation, [e.conversationId]: upsert(state.byConversation[e.conversationId] ?? [], e) } : state.byConversation;
  const others = state.attention.filter((x) => x.id !== e.id);
  const stale = state.attention.some((x) => x.id === e.id && x.updatedAt > e.updatedAt);
  const attention = stale ? state.attention : needsAttention(e) ? [e, ...others] : others;
  return { byConversation, attention };
}

/**
 * The console's escalations: each conversation's (loaded when it is opened), and the ones
 * needing attention; kept live by `escalation:updated`, which every operator hears.
 */
export class EscalationDesk {
  readonly state = new Signal<DeskState>({ byConversation: {}, attention: [] });
  private readonly loading = new Set<string>();

  constructor(
    readonly api: EscalationApi,
    private readonly socket: Pick<OperatorSocket, 'on' | 'off'>,
  ) {}

  private readonly onUpdated: OperatorServerEvents['escalation:updated'] = (e) => this.apply(e);
  private readonly onConnect = (): void => {
    // After an outage: whatever changed meanwhile.
    void this.refreshAttention();
    for (const id of Object.keys(this.state.value.byConversation)) void this.load(id, true);
  };

  start(): void {
    this.socket.on('escalation:updated', this.onUpdated);
    this.socket.on('connect', this.onConnect);
    void this.refreshAttention();
  }

  stop(): void {
    this.socket.off('escalation:updated', this.onUpdated);
    this.socket.off('connect', this.onConnect);
  }

  apply(e: Escalation): void {
    this.state.update((s) => applyEscalation(s, e));
  }

  /** A conversation's escalations, fetched once (and again with `force`). */
  async load(conversationId: string, force = false): Promise<void> {
    if (this.loading.has(conversationId) || (!force && this.state.value.byConversation[conversationId])) return;
    this.loading.add(conversationId);
    try {
      const list = await this.api.list(conversationId);
      this.state.update((s) => {
        const merged = list.reduce((acc, e) => upsert(acc, e), s.byConversation[conversationId] ?? []);
        return { ...s, byConversation: { ...s.byConversation, [conversationId]: merged } };
      });
    } catch {
      // Shown as "none yet"; the next open or reconnect asks again.
    } finally {
      this.loading.delete(conversationId);
    }
  }

  async retry(id: string): Promise<void> {
    this.apply(await this.api.retry(id));
  }

  private async refreshAttention(): Promise<void> {
    try {
      const list = await this.api.attention();
      this.state.update((s) => ({ ...s, attention: list }));
    } catch {
      // The alert stays as it was until the next connect.
    }
  }
}
