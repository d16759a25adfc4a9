import { describe, expect, it } from 'vitest';
import { openConversation } from '../testing/store-fixtures.js';
import type { StoresFactory } from '../testing/store-fixtures.js';

export function ratingContract(makeStores: StoresFactory): void {
  describe('ConversationStore.setRating', () => {
    it('keeps the visitor’s last rating on their conversation, open or closed, and refuses anyone else', async () => {
      const stores = await makeStores();
      const c = await openConversation(stores);
      expect((await stores.conversations.get(c.id))?.rating ?? null).toBeNull();
      expect(await stores.conversations.setRating(c.id, 'v_someone_else', { value: 'bad', comment: null, at: 1 })).toBeNull();

      const rated = await stores.conversations.setRating(c.id, c.visitor.id, { value: 'bad', comment: 'Too slow', at: 2 });
      expect(rated?.rating).toEqual({ value: 'bad', comment: 'Too slow', at: 2 });
      await stores.conversations.close({ conversationId: c.id, eventId: 'sys-close-1', by: 'visitor', operator: null, now: 3 });
      await stores.conversations.setRating(c.id, c.visitor.id, { value: 'good', comment: null, at: 4 });
      expect((await stores.conversations.get(c.id))?.rating).toEqual({ value: 'good', comment: null, at: 4 });
      expect((await stores.conversations.list({ limit: 10 }))[0]?.rating).toEqual({ value: 'good', comment: null, at: 4 });
      expect(await stores.conversations.setRating('c_missing', c.visitor.id, { value: 'good', comment: null, at: 5 })).toBeNull();
    });
  });
}
