import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import { openConversation, type StoresFactory } from '../testing/store-fixtures.js';

export function historyContract(makeStores: StoresFactory): void {
  describe('HistoryStore and the closed index', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });
    const close = (id: string) => stores.conversations.close({ conversationId: id, eventId: 'sys-close-0001', by: 'operator', operator: null, now: 9 });

    it('finds conversations by every term, within the dates, newest first, and pages', async () => {
      const a = await openConversation(stores, { now: 1_000 });
      const b = await openConversation(stores, { now: 2_000 });
      const c = await openConversation(stores, { now: 3_000 });
      await stores.history.index(a.id, a.createdAt, ['server', 'down', 'ana']);
      await stores.history.index(b.id, b.createdAt, ['server', 'invoice']);
      await stores.history.index(c.id, c.createdAt, ['server', 'down']);
      await stores.history.index(c.id, c.createdAt, ['server', 'down']);
      const all = { limit: 10 };
      expect(await stores.history.search(['server'], all)).toEqual([c.id, b.id, a.id]);
      expect(await stores.history.search(['server', 'down'], all)).toEqual([c.id, a.id]);
      expect(await stores.history.search(['down', 'invoice'], all)).toEqual([]);
      expect(await stores.history.search(['nothing'], all)).toEqual([]);
      expect(await stores.history.search(['server'], { from: 1_500, to: 3_000, limit: 10 })).toEqual([c.id, b.id]);
      expect(await stores.history.search(['server'], { limit: 1 })).toEqual([c.id]);
      expect(await stores.history.search(['server'], { before: c.createdAt, limit: 1 })).toEqual([b.id]);
      expect(await stores.history.search(['down', 'server'], { to: 2_000, limit: 10 })).toEqual([a.id]);
    });

    it('lists closed conversations by when they started, without a search', async () => {
      const a = await openConversation(stores, { now: 1_000 });
      const b = await openConversation(stores, { now: 2_000 });
      await openConversation(stores, { now: 3_000 });
      await close(a.id);
      await close(b.id);
      expect((await stores.conversations.closedPage({ limit: 10 })).map((x) => x.id)).toEqual([b.id, a.id]);
      expect((await stores.conversations.closedPage({ to: 1_500, limit: 10 })).map((x) => x.id)).toEqual([a.id]);
      expect((await stores.conversations.closedPage({ before: 2_000, limit: 10 })).map((x) => x.id)).toEqual([a.id]);
      expect(await stores.conversations.countOpen()).toBe(1);
    });
  });
}
