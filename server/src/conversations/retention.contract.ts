import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import { newConversation, uid, type StoresFactory } from '../testing/store-fixtures.js';

export function retentionContract(makeStores: StoresFactory): void {
  describe('RetentionStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });
    const day = 86_400_000;
    const t0 = 1_800_000_000_000;

    it('deletes conversations closed before the cut-off with their messages, and nothing open or newer', async () => {
      const make = async (closeAt: number | null) => {
        const visitorId = uid('v');
        await stores.visitors.create(uid('h'), visitorId);
        const { conversation } = await stores.conversations.open(newConversation(visitorId, { now: t0 }));
        await stores.conversations.append({ conversationId: conversation.id, id: uid('msg-'), kind: 'text', author: { kind: 'visitor' }, text: 'hi' });
        if (closeAt !== null) await stores.conversations.close({ conversationId: conversation.id, eventId: uid('sys-'), by: 'operator', operator: null, now: closeAt });
        return conversation.id;
      };
      const old = await make(t0 + day);
      const recent = await make(t0 + 40 * day);
      const open = await make(null);
      expect(await stores.retention.expireClosedConversations(t0 + 31 * day, 100)).toBe(1);
      expect(await stores.conversations.get(old)).toBeNull();
      expect(await stores.conversations.recentMessages(old, 10)).toEqual([]);
      expect(await stores.conversations.get(recent)).not.toBeNull();
      expect(await stores.conversations.get(open)).not.toBeNull();
      expect((await stores.conversations.list({ limit: 10 })).map((c) => c.id)).not.toContain(old);
      expect(await stores.retention.expireClosedConversations(t0 + 31 * day, 100)).toBe(0);
    });

    it('deletes visitors unseen since the cut-off with their tokens, unless their conversation is open', async () => {
      await stores.visitors.create('tok-idle', 'v-idle');
      await stores.retention.touchVisitor('v-idle', 'tok-idle', t0);
      await stores.visitors.create('tok-back', 'v-back');
      await stores.retention.touchVisitor('v-back', 'tok-back', t0);
      await stores.retention.touchVisitor('v-back', 'tok-back', t0 + 20 * day);
      await stores.visitors.create('tok-open', 'v-open');
      await stores.retention.touchVisitor('v-open', 'tok-open', t0);
      await stores.conversations.open(newConversation('v-open', { now: t0 }));

      expect(await stores.retention.expireVisitors(t0 + 10 * day, 100)).toBe(1);
      expect(await stores.visitors.findByToken('tok-idle')).toBeNull();
      expect(await stores.visitors.findByToken('tok-back')).not.toBeNull();
      expect(await stores.visitors.findByToken('tok-open')).not.toBeNull();
    });
  });
}
