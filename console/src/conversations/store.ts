import type { Conversation, ConversationAssigned, Message } from '@introserv/shared';
import { firstGraphemes, LIMITS, mergeMessages } from '@introserv/shared/client';

/** A conversation's messages as far as the console knows them. */
export interface History {
  /** Deduplicated by id, ordered by cursor. */
  messages: Message[];
  /**
   * True once a `conversation:watch` returned the history. Only then is the last cursor
   * a safe `since`: facts that arrive for an unwatched conversation are a tail, not a log.
   */
  complete: boolean;
}

export interface ConversationsState {
  conversations: Record<string, Conversation>;
  histories: Record<string, History>;
}

export const emptyState: ConversationsState = { conversations: {}, histories: {} };

/** Inserts or replaces a conversation; an older snapshot never overwrites a newer one. */
export function upsertConversation(state: ConversationsState, conversation: Conversation): ConversationsState {
  const current = state.conversations[conversation.id];
  if (current && current.updatedAt > conversation.updatedAt) return state;
  return { ...state, conversations: { ...state.conversations, [conversation.id]: conversation } };
}

/** Replaces the whole list (initial load, resync after reconnect), keeping newer local rows. */
export function replaceConversations(state: ConversationsState, list: readonly Conversation[]): ConversationsState {
  const conversations: Record<string, Conversation> = {};
  for (const c of list) {
    const current = state.conversations[c.id];
    conversations[c.id] = current && current.updatedAt > c.updatedAt ? current : c;
  }
  return { ...state, conversations };
}

/** `conversation:assigned`: the row moves from the queue to the operator who took it. */
export function applyAssigned(state: ConversationsState, fact: ConversationAssigned): ConversationsState {
  const current = state.conversations[fact.conversationId];
  if (!current || current.status === 'closed') return state;
  if (current.status === 'assigned' && current.operator?.id === fact.operator.id) return state;
  return upsertConversation(state, { ...current, status: 'assigned', operator: fact.operator });
}

/** Adds messages to a conversation's history. `complete` marks a watch reply. */
export function addMessages(
  state: ConversationsState,
  conversationId: string,
  messages: readonly Message[],
  complete = false,
): ConversationsState {
  const current = state.histories[conversationId] ?? { messages: [], complete: false };
  const history: History = { messages: mergeMessages(current.messages, messages), complete: current.complete || complete };
  let next: ConversationsState = { ...state, histories: { ...state.histories, [conversationId]: history } };
  // As the server does: the preview is the latest text or note; system events do not change it.
  const last = [...history.messages].reverse().find((m) => m.kind !== 'system');
  const conversation = next.conversations[conversationId];
  if (last && conversation && (!conversation.lastMessage || conversation.lastMessage.at <= last.createdAt)) {
    // Keep the list preview current even if the server's conversation:updated lags.
    const lastMessage = { text: firstGraphemes(last.text, LIMITS.previewMax), authorKind: last.author.kind, kind: last.kind, at: last.createdAt };
    next = { ...next, conversations: { ...next.conversations, [conversationId]: { ...conversation, lastMessage } } };
  }
  return next;
}

/** The `since` to send when (re)watching: the last cursor of a complete history. */
export function lastCursor(state: ConversationsState, conversationId: string): string | undefined {
  const history = state.histories[conversationId];
  if (!history?.complete) return undefined;
  return history.messages[history.messages.length - 1]?.cursor;
}

export interface Sections {
  /** Queued, oldest first: the longest wait is served first. */
  waiting: Conversation[];
  /** Assigned to the signed-in operator, most recent activity first. */
  mine: Conversation[];
  /** Assigned to colleagues. */
  others: Conversation[];
  /** Closed, most recent first. */
  closed: Conversation[];
}

export function sections(state: ConversationsState, operatorId: string): Sections {
  const out: Sections = { waiting: [], mine: [], others: [], closed: [] };
  for (const c of Object.values(state.conversations)) {
    if (c.status === 'queued') out.waiting.push(c);
    else if (c.status === 'closed') out.closed.push(c);
    else if (c.operator?.id === operatorId) out.mine.push(c);
    else out.others.push(c);
  }
  out.waiting.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const recent = (a: Conversation, b: Conversation): number => activity(b) - activity(a) || a.id.localeCompare(b.id);
  out.mine.sort(recent);
  out.others.sort(recent);
  out.closed.sort(recent);
  return out;
}

function activity(c: Conversation): number {
  return Math.max(c.updatedAt, c.lastMessage?.at ?? 0);
}
