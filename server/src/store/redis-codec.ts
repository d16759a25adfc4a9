import type { AuthorKind, Conversation, ConversationStatus, Language, Message, MessageKind, SystemEvent } from '@introserv/shared';

/** HGETALL and stream entries inside Lua come back as a flat [name, value, …] list. */
export function pairs(flat: string[]): Record<string, string> {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i] as string] = flat[i + 1] as string;
  return f;
}

export function toConversation(h: Record<string, string>): Conversation {
  const lastAt = h.lastAt ? Number(h.lastAt) : null;
  return {
    id: h.id ?? '',
    siteId: h.siteId ?? '',
    status: (h.status ?? 'queued') as ConversationStatus,
    queue: h.queue ?? '',
    language: (h.language ?? 'en') as Language,
    visitor: {
      id: h.visitorId ?? '',
      page: { url: h.pageUrl ?? '', title: h.pageTitle ?? '' },
      timeZone: h.timeZone ?? '',
      online: h.visitorOnline !== '0',
      seenAt: Number(h.visitorSeenAt ?? h.createdAt ?? 0),
    },
    operator: h.operatorId ? { id: h.operatorId, name: h.operatorName ?? '' } : null,
    createdAt: Number(h.createdAt ?? 0),
    updatedAt: Number(h.updatedAt ?? 0),
    lastMessage:
      lastAt === null
        ? null
        : { text: h.lastText ?? '', authorKind: (h.lastAuthorKind ?? 'visitor') as AuthorKind, kind: (h.lastKind ?? 'text') as MessageKind, at: lastAt },
  };
}

/** Stream entry fields: id, k (kind), ak/aid/an (author), t (text), e (event JSON). */
export function toMessage(conversationId: string, cursor: string, flat: string[]): Message {
  const f = pairs(flat);
  const kind = (f.k ?? 'text') as MessageKind;
  return {
    id: f.id ?? '',
    conversationId,
    cursor,
    kind,
    author: {
      kind: (f.ak ?? 'system') as AuthorKind,
      ...(f.aid ? { id: f.aid } : {}),
      ...(f.an ? { name: f.an } : {}),
    },
    text: f.t ?? '',
    ...(f.e ? { event: JSON.parse(f.e) as SystemEvent } : {}),
    createdAt: Number(cursor.slice(0, cursor.indexOf('-'))),
  };
}
