import type { ChatState } from '../connection/chat-state.js';

/** Why the widget offers to leave a message: nobody is online, or nobody answered in time. */
export type OfferReason = 'offline' | 'waited';

/**
 * When to offer the leave-a-message form: no operator could take a chat at the last hello
 * (and none has the visitor's chat), or the visitor's chat has waited in the queue for
 * `afterSeconds` since their first message. Returns the reason, and when to look again if
 * the wait is not over yet.
 */
export function leaveMessageOffer(state: ChatState, afterSeconds: number | null, now: number): { reason: OfferReason | null; recheckAt: number | null } {
  if (state.connection !== 'online') return { reason: null, recheckAt: null };
  const c = state.conversation;
  if (c?.status === 'assigned') return { reason: null, recheckAt: null };
  if (state.operatorsOnline === false) return { reason: 'offline', recheckAt: null };
  if (c?.status !== 'queued' || afterSeconds === null) return { reason: null, recheckAt: null };
  const first = state.messages.find((m) => m.author.kind === 'visitor' && m.status === 'sent');
  if (!first) return { reason: null, recheckAt: null };
  const due = first.createdAt + afterSeconds * 1000;
  return due <= now ? { reason: 'waited', recheckAt: null } : { reason: null, recheckAt: due };
}

/** What the visitor wrote in the chat so far: the form's message starts from it. */
export function visitorWords(state: ChatState): string {
  return state.messages
    .filter((m) => m.author.kind === 'visitor' && m.kind === 'text')
    .map((m) => m.text)
    .join('\n')
    .slice(0, 5000);
}
