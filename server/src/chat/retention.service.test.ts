import { describe, expect, it } from 'vitest';
import { AttachmentService } from '../attachments/attachment.service.js';
import { loadConfig } from '../config.js';
import { MemoryFileStore } from '../attachments/memory-file.store.js';
import { createLogger } from '../logger.js';
import { RoutingService } from '../routing/routing.service.js';
import { createMemoryStores } from '../stores.js';
import { PNG_1PX } from '../testing/files.js';
import type { Broadcaster } from './broadcaster.js';
import { ChatService } from './chat.service.js';
import { RetentionService } from './retention.service.js';

const DAY = 86_400_000;
const hello = { siteId: 'introserv', visitorToken: null, language: 'en' as const, page: { url: 'https://introserv.com/', title: 'x' }, timeZone: 'UTC' };
const quiet: Broadcaster = {
  messageCreated: () => {},
  conversationUpdated: () => {},
  conversationTouched: () => {},
  conversationAssigned: () => {},
  operatorLeft: () => {},
  visitorOpened: () => {},
  visitorTyping: () => {},
  operatorTyping: () => {},
  receiptsUpdated: () => {},
};

function setup() {
  const clock = { now: 1_800_000_000_000 };
  const stores = createMemoryStores();
  const log = createLogger('silent');
  const bytes = new MemoryFileStore();
  const files = new AttachmentService({ ...stores, files: bytes }, { maxBytes: 1_000_000, ...loadConfig({}).uploadQuota }, () => clock.now);
  const routing = new RoutingService(stores, log, { graceMs: 0, leaseMs: 15_000, defaultCapacity: 5 });
  const chat = new ChatService({ ...stores, files }, routing, quiet, log, { visitorGraceMs: 1_000, idleCloseMs: 60_000, identitySecret: undefined }, () => clock.now);
  const retention = new RetentionService(stores.retention, 30 * DAY, log, () => clock.now, files);
  return { stores, chat, retention, clock, files, bytes };
}

describe('retention', () => {
  it('expires a visitor token after the retention period without a hello, and keeps one that keeps coming back', async () => {
    const { chat, retention, clock } = setup();
    const idle = await chat.hello(hello);
    const regular = await chat.hello(hello);
    clock.now += 20 * DAY;
    expect((await chat.hello({ ...hello, visitorToken: regular.result.visitorToken })).result.visitorId).toBe(regular.result.visitorId);
    clock.now += 11 * DAY;
    expect(await retention.sweep()).toEqual({ conversations: 0, visitors: 1, files: 0 });
    const back = await chat.hello({ ...hello, visitorToken: idle.result.visitorToken });
    expect(back.result.visitorId).not.toBe(idle.result.visitorId);
    expect(back.result.visitorToken).not.toBe(idle.result.visitorToken);
    expect((await chat.hello({ ...hello, visitorToken: regular.result.visitorToken })).result.visitorId).toBe(regular.result.visitorId);
  });

  it('deletes a conversation closed longer ago than the retention period, and its visitor after it', async () => {
    const { chat, retention, stores, clock } = setup();
    const { connection } = await chat.hello(hello);
    const { conversation } = await chat.visitorSend(connection, { id: 'kept-for-30-days', text: 'hello' });
    await stores.conversations.close({ conversationId: conversation.id, eventId: 'sys-close-1', by: 'visitor', operator: null, now: clock.now });
    clock.now += 29 * DAY;
    expect(await retention.sweep()).toEqual({ conversations: 0, visitors: 0, files: 0 });
    expect(await stores.conversations.get(conversation.id)).not.toBeNull();
    clock.now += 2 * DAY;
    expect(await retention.sweep()).toEqual({ conversations: 1, visitors: 1, files: 0 });
    expect(await stores.conversations.get(conversation.id)).toBeNull();
  });

  it('deletes uploaded files with their bytes: one never sent after a day, one sent after the retention period', async () => {
    const { chat, retention, clock, files, bytes } = setup();
    const { connection } = await chat.hello(hello);
    const owner = { kind: 'visitor', id: connection.visitorId } as const;
    const sent = await files.upload(owner, { name: 'error.png', bytes: PNG_1PX, conversationId: null });
    const abandoned = await files.upload(owner, { name: 'draft.png', bytes: PNG_1PX, conversationId: null });
    await chat.visitorSend(connection, { id: 'with-a-screenshot', text: 'see this', attachments: [sent.id] });
    expect(bytes.size).toBe(2);

    clock.now += 2 * DAY;
    expect((await retention.sweep()).files).toBe(1);
    expect(await files.read(abandoned.id)).toBeNull();
    expect(await files.read(sent.id)).not.toBeNull();
    expect(bytes.size).toBe(1);

    clock.now += 29 * DAY;
    expect((await retention.sweep()).files).toBe(1);
    expect(await files.read(sent.id)).toBeNull();
    expect(bytes.size).toBe(0);
  });
});
