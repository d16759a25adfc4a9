import type { Conversation, Message } from '@introserv/shared';

type VisitorInfo = Conversation['visitor'];

/** A visitor as the server sends one, with only the fields a test names changed. */
export function visitor(over: Partial<VisitorInfo> & { id: string }): VisitorInfo {
  return {
    page: { url: 'https://introserv.com/dedicated', title: 'Dedicated servers' },
    timeZone: 'Europe/Berlin',
    online: true,
    seenAt: 1_700_000_000_000,
    name: null,
    email: null,
    verified: false,
    userId: null,
    userAgent: null,
    ip: null,
    country: null,
    ...over,
  };
}

let seq = 0;

export function conversation(over: Partial<Conversation> & { id: string }): Conversation {
  return {
    siteId: 'introserv',
    status: 'queued',
    department: 'general',
    language: 'en',
    visitor: visitor({ id: `v_${over.id}` }),
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
