import type { Conversation, Message } from '@introserv/shared';

/** What a visitor may have given as their e-mail address in a conversation. */
export interface RecipientSources {
  conversation: Pick<Conversation, 'visitor'>;
  messages: readonly Message[];
  /** The visitor's record as it is now (the pre-chat form or identify() may have changed it since the chat opened). */
  visitor: { email: string | null };
}

/** Loose on purpose: it only finds candidates, which must then equal the requested address exactly. */
const EMAIL_IN_TEXT = /[^\s<>()[\]{},;:"']+@[^\s<>()[\]{},;:"']+\.[^\s<>()[\]{},;:"']+/g;

/**
 * Whether a transcript may be e-mailed to `email`: only to an address the visitor gave in
 * this conversation, in the pre-chat form or through identify() (the conversation's and the
 * visitor's records hold it) or typed in one of their own messages. Anything else would make
 * the server's mail (sent as support@…) a relay for whatever a stranger writes in a chat.
 * Addresses compare without case.
 *
 * @example mayReceiveTranscript('Ana@Example.com', { conversation: { visitor: { email: 'ana@example.com', … } }, messages: [], visitor: { email: null } }) // true
 */
export function mayReceiveTranscript(email: string, sources: RecipientSources): boolean {
  const wanted = email.trim().toLowerCase();
  const given = new Set<string>();
  for (const known of [sources.conversation.visitor.email, sources.visitor.email]) if (known) given.add(known.trim().toLowerCase());
  for (const m of sources.messages) {
    if (m.kind !== 'text' || m.author.kind !== 'visitor') continue;
    for (const [found] of m.text.matchAll(EMAIL_IN_TEXT)) given.add(found.replace(/\.+$/, '').toLowerCase());
  }
  return given.has(wanted);
}
