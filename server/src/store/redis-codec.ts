import { Rating, type Attachment, type AuthorKind, type Conversation, type ConversationStatus, type Language, type Message, type MessageKind, type SystemEvent } from '@introserv/shared';
import { DEFAULT_DEPARTMENT } from '@introserv/shared';

/** HGETALL and stream entries inside Lua come back as a flat [name, value, …] list. */
export function pairs(flat: string[]): Record<string, string> {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i] as string] = flat[i + 1] as string;
  return f;
}

/** The hash fields of a new conversation (what `toConversation` reads back). The department is kept under `queue`, the name the scripts use. */
export function conversationFields(c: Conversation): string[] {
  const v = c.visitor;
  return Object.entries({
    id: c.id,
    siteId: c.siteId,
    status: c.status,
    queue: c.department,
    language: c.language,
    visitorId: v.id,
    pageUrl: v.page.url,
    pageTitle: v.page.title,
    timeZone: v.timeZone,
    visitorOnline: v.online ? '1' : '0',
    visitorSeenAt: String(v.seenAt),
    ...visitorProfileFields(v),
    userAgent: v.userAgent ?? '',
    ip: v.ip ?? '',
    country: v.country ?? '',
    operatorId: c.operator?.id ?? '',
    operatorName: c.operator?.name ?? '',
    createdAt: String(c.createdAt),
    updatedAt: String(c.updatedAt),
  }).flat();
}

export function visitorProfileFields(v: { name: string | null; email: string | null; verified: boolean; userId: string | null }): Record<string, string> {
  return { visitorName: v.name ?? '', visitorEmail: v.email ?? '', visitorVerified: v.verified ? '1' : '0', visitorUserId: v.userId ?? '' };
}

export function toConversation(h: Record<string, string>): Conversation {
  const lastAt = h.lastAt ? Number(h.lastAt) : null;
  return {
    id: h.id ?? '',
    siteId: h.siteId ?? '',
    status: (h.status ?? 'queued') as ConversationStatus,
    department: h.queue || DEFAULT_DEPARTMENT,
    language: (h.language ?? 'en') as Language,
    visitor: {
      id: h.visitorId ?? '',
      page: { url: h.pageUrl ?? '', title: h.pageTitle ?? '' },
      timeZone: h.timeZone ?? '',
      online: h.visitorOnline !== '0',
      seenAt: Number(h.visitorSeenAt ?? h.createdAt ?? 0),
      name: h.visitorName || null,
      email: h.visitorEmail || null,
      verified: h.visitorVerified === '1',
      userId: h.visitorUserId || null,
      userAgent: h.userAgent || null,
      ip: h.ip || null,
      country: h.country || null,
    },
    operator: h.operatorId ? { id: h.operatorId, name: h.operatorName ?? '' } : null,
    createdAt: Number(h.createdAt ?? 0),
    updatedAt: Number(h.updatedAt ?? 0),
    lastMessage:
      lastAt === null
        ? null
        : { text: h.lastText ?? '', authorKind: (h.lastAuthorKind ?? 'visitor') as AuthorKind, kind: (h.lastKind ?? 'text') as MessageKind, at: lastAt },
    ...(h.rating ? { rating: parseRating(h.rating) } : {}),
  };
}

/** Parsed, not trusted: a damaged value reads as "not rated". */
function parseRating(raw: string): Rating | null {
  try {
    const r = Rating.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Stream entry fields: id, k (kind), ak/aid/an (author), t (text), e (event JSON), f (attachments JSON). */
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
    ...(f.f ? { attachments: JSON.parse(f.f) as Attachment[] } : {}),
    createdAt: Number(cursor.slice(0, cursor.indexOf('-'))),
  };
}
