import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentService } from '../attachments/attachment.service.js';
import { MemoryFileStore } from '../attachments/memory-file.store.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { RoutingService } from '../routing/routing.service.js';
import type { Stores } from '../stores.js';
import { PNG_1PX } from '../testing/files.js';
import { storeBackends } from '../testing/store-backends.js';
import { saveOperator } from '../testing/store-fixtures.js';
import type { Broadcaster } from './broadcaster.js';
import { ChatService } from './chat.service.js';

const silent: Broadcaster = {
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

const backends = storeBackends('sendfiles');

const hello = {
  siteId: 'introserv',
  visitorToken: null,
  language: 'en' as const,
  page: { url: 'https://introserv.com/', title: 'INTROSERV' },
  timeZone: 'Europe/Zagreb',
};

describe.each(backends)('a visitor’s message with files (%s)', (_name, makeStores) => {
  let stores: Stores;
  afterEach(async () => {
    await stores.close();
  });

  function setup() {
    stores = makeStores();
    const log = createLogger('silent');
    const files = new AttachmentService({ ...stores, files: new MemoryFileStore() }, { ...loadConfig({}).uploadQuota, maxBytes: 4096, uploadsPerWindow: 100, windowMs: 60_000 });
    const routing = new RoutingService(stores, log, { graceMs: 0, leaseMs: 15_000, defaultCapacity: 5 });
    const chat = new ChatService({ ...stores, files }, routing, silent, log, { identitySecret: undefined, visitorGraceMs: 1_000, idleCloseMs: 60_000 });
    routing.listen(chat);
    const upload = (visitorId: string) => files.upload({ kind: 'visitor', id: visitorId }, { name: 'shot.png', bytes: new Uint8Array(PNG_1PX), conversationId: null });
    return { chat, upload };
  }

  it('refuses a file that does not exist or is another visitor’s, and opens no conversation for it', async () => {
    const { chat, upload } = setup();
    const me = await chat.hello(hello);
    const stranger = await chat.hello(hello);
    const theirs = await upload(stranger.connection.visitorId);

    await expect(chat.visitorSend(me.connection, { id: 'ghost-file-m-01', text: 'see', attachments: ['f_nosuchfile0000000000000'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(chat.visitorSend(me.connection, { id: 'stolen-file-m01', text: 'see', attachments: [theirs.id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await stores.conversations.ofVisitor(me.connection.visitorId, 10)).toEqual([]);
    expect(me.connection.conversationId).toBeNull();
  });

  it('refuses, after a close, a retry carrying files the closed conversation has, however often, and opens nothing', async () => {
    const { chat, upload } = setup();
    const ana = await saveOperator(stores, { name: 'Ana' });
    const me = await chat.hello(hello);
    const file = await upload(me.connection.visitorId);
    const first = await chat.visitorSend(me.connection, { id: 'with-file-m-001', text: 'the error', attachments: [file.id] });
    await chat.accept(ana, first.conversation.id);
    await chat.close(ana, first.conversation.id);

    for (let i = 0; i < 3; i++) {
      await expect(chat.visitorSend(me.connection, { id: `retry-file-m-0${i}`, text: 'again', attachments: [file.id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await stores.conversations.ofVisitor(me.connection.visitorId, 10)).map((c) => c.id)).toEqual([first.conversation.id]);
    // A fresh file after the close opens the next conversation as usual.
    const next = await chat.visitorSend(me.connection, { id: 'new-file-m-0001', text: 'new one', attachments: [(await upload(me.connection.visitorId)).id] });
    expect(next.opened).toBe(true);
    expect(next.message.attachments).toHaveLength(1);
  });

  it('takes a resend of a message whose files its open conversation already has', async () => {
    const { chat, upload } = setup();
    const me = await chat.hello(hello);
    const file = await upload(me.connection.visitorId);
    const sent = await chat.visitorSend(me.connection, { id: 'resend-file-m01', text: 'log', attachments: [file.id] });
    const again = await chat.visitorSend(me.connection, { id: 'resend-file-m01', text: 'log', attachments: [file.id] });
    expect(again.message.cursor).toBe(sent.message.cursor);
    expect(again.opened).toBe(false);
  });

  it('finds the conversation another tab opened, for a resend of that tab’s message with files', async () => {
    const { chat, upload } = setup();
    const tab1 = await chat.hello(hello);
    const tab2 = await chat.hello({ ...hello, visitorToken: tab1.result.visitorToken });
    const file = await upload(tab1.connection.visitorId);
    const sent = await chat.visitorSend(tab1.connection, { id: 'two-tabs-m-0001', text: 'log', attachments: [file.id] });
    const again = await chat.visitorSend(tab2.connection, { id: 'two-tabs-m-0001', text: 'log', attachments: [file.id] });
    expect(again).toMatchObject({ opened: false, message: { cursor: sent.message.cursor } });
    expect(await stores.conversations.ofVisitor(tab1.connection.visitorId, 10)).toHaveLength(1);
  });

  it('refuses an operator’s answer with a file that is not theirs before it takes the waiting conversation', async () => {
    const { chat, upload } = setup();
    const ana = await saveOperator(stores, { name: 'Ana' });
    const me = await chat.hello(hello);
    const { conversation } = await chat.visitorSend(me.connection, { id: 'waiting-m-00001', text: 'hello?' });
    const visitorsFile = await upload(me.connection.visitorId);
    await expect(chat.operatorSend(ana, { conversationId: conversation.id, id: 'op-bad-file-m01', text: 'here', attachments: [visitorsFile.id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await stores.conversations.get(conversation.id))?.status).toBe('queued');
  });
});
