import type { Conversation, Message } from '@introserv/shared';

let seq = 0;

export function conversation(over: Partial<Conversation> & { id: string }): Conversation {
  return {
    siteId: 'introserv',
    status: 'queued',
    queue: 'general:en',
    language: 'en',
    visitor: {
      id: `v_${over.id}`,
      page: { url: 'https://introserv.com/dedicated', title: 'Dedicated servers' },
      timeZone: 'Europe/Berlin',
      online: true,
      seenAt: 1_700_000_000_000,
    },
    operator: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    lastMessage: null,
    ...over,
  };
}

export function message(conversationId: string, cursor: string, over: Partial<Message> = {}): Message {
  seq += 1;
  return {
    id: `msg-${String(seq).padStart(8, '0')}`,
    conversationId,
    cursor,
    kind: 'text',
    author: { kind: 'visitor' },
    text: `text ${cursor}`,
    createdAt: Number(cursor.split('-')[0]),
    ...over,
  };
}
