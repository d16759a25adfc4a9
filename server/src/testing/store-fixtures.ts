import { randomUUID } from 'node:crypto';
import type { Conversation } from '@introserv/shared';
import type { NewConversation } from '../conversations/conversation.store.js';
import { DEFAULT_DEPARTMENT } from '@introserv/shared';
import type { OperatorRecord } from '../operators/operator.store.js';
import type { Stores } from '../stores.js';

/** Makes a fresh, empty set of stores of one kind: what every contract suite runs against. */
export type StoresFactory = () => Promise<Stores>;

let n = 0;
/** A unique id with a readable prefix. */
export const uid = (prefix: string): string => `${prefix}${++n}_${randomUUID().slice(0, 8)}`;

export const newConversation = (visitorId: string, over: Partial<NewConversation> = {}): NewConversation => ({
  id: uid('c'),
  siteId: 'introserv',
  visitorId,
  language: 'de',
  page: { url: 'https://introserv.com/vps', title: 'VPS' },
  timeZone: 'Europe/Berlin',
  department: DEFAULT_DEPARTMENT,
  visitor: { name: null, email: null, verified: false, userId: null, userAgent: null, ip: null, country: null },
  now: 1_700_000_000_000 + n,
  ...over,
});

export async function saveOperator(stores: Stores, over: Partial<OperatorRecord> = {}): Promise<OperatorRecord> {
  const id = over.id ?? uid('op');
  const record: OperatorRecord = { id, email: `${id}@introserv.test`, name: `Name ${id}`, role: 'operator', capacity: 2, disabled: false, passwordHash: 'h', departments: [], languages: [], autoAssign: true, ...over };
  const saved = await stores.operators.save(record);
  if (!saved.ok) throw new Error(`could not save operator ${id}: ${saved.reason}`);
  return record;
}

/** A visitor with an open (queued) conversation. */
export async function openConversation(stores: Stores, over: Partial<NewConversation> = {}): Promise<Conversation> {
  const visitorId = uid('v');
  await stores.visitors.create(uid('token'), visitorId);
  const { conversation } = await stores.conversations.open(newConversation(visitorId, over));
  return conversation;
}

/** An operator routing may give chats to: connected, status online. */
export async function availableOperator(stores: Stores, over: Partial<OperatorRecord> = {}): Promise<OperatorRecord> {
  const op = await saveOperator(stores, over);
  await stores.presence.operatorConnected(op.id);
  return op;
}
