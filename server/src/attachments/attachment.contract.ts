import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import type { AttachmentRecord } from './attachment.store.js';

const record = (id: string, over: Partial<AttachmentRecord> = {}): AttachmentRecord => ({
  id,
  name: 'screenshot.png',
  type: 'image/png',
  size: 1234,
  owner: { kind: 'visitor', id: 'v_1' },
  conversationId: null,
  createdAt: 1_700_000_000_000,
  ...over,
});

export function attachmentContract(makeStores: StoresFactory): void {
  describe('AttachmentStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('keeps a file record as saved', async () => {
      await stores.attachments.save(record('f_aaaaaaaaaaaaaaaa', { name: 'логи сервера.txt', type: 'text/plain', size: 7 }));
      expect(await stores.attachments.get('f_aaaaaaaaaaaaaaaa')).toEqual(record('f_aaaaaaaaaaaaaaaa', { name: 'логи сервера.txt', type: 'text/plain', size: 7 }));
      expect(await stores.attachments.get('f_bbbbbbbbbbbbbbbb')).toBeNull();
    });

    it('ties its owner’s free files to a conversation, again for a resend, and never someone else’s', async () => {
      await stores.attachments.save(record('f_aaaaaaaaaaaaaaaa'));
      await stores.attachments.save(record('f_bbbbbbbbbbbbbbbb', { name: 'log.txt', type: 'text/plain' }));
      await stores.attachments.save(record('f_cccccccccccccccc', { owner: { kind: 'visitor', id: 'v_2' } }));
      const owner = { kind: 'visitor', id: 'v_1' } as const;

      expect(await stores.attachments.bind(['f_aaaaaaaaaaaaaaaa', 'f_cccccccccccccccc'], owner, 'c_1')).toEqual({ ok: false, reason: 'not_yours' });
      expect(await stores.attachments.bind(['f_aaaaaaaaaaaaaaaa', 'f_zzzzzzzzzzzzzzzz'], owner, 'c_1')).toEqual({ ok: false, reason: 'not_found' });
      // All or none: the refused binds tied nothing.
      expect((await stores.attachments.get('f_aaaaaaaaaaaaaaaa'))?.conversationId).toBeNull();

      const bound = await stores.attachments.bind(['f_aaaaaaaaaaaaaaaa', 'f_bbbbbbbbbbbbbbbb'], owner, 'c_1');
      expect(bound).toEqual({
        ok: true,
        attachments: [
          { id: 'f_aaaaaaaaaaaaaaaa', name: 'screenshot.png', type: 'image/png', size: 1234 },
          { id: 'f_bbbbbbbbbbbbbbbb', name: 'log.txt', type: 'text/plain', size: 1234 },
        ],
      });
      expect((await stores.attachments.bind(['f_aaaaaaaaaaaaaaaa'], owner, 'c_1')).ok).toBe(true);
      expect(await stores.attachments.bind(['f_aaaaaaaaaaaaaaaa'], owner, 'c_2')).toEqual({ ok: false, reason: 'not_yours' });
      expect(await stores.attachments.bind(['f_aaaaaaaaaaaaaaaa'], { kind: 'operator', id: 'v_1' }, 'c_1')).toEqual({ ok: false, reason: 'not_yours' });
      expect((await stores.attachments.get('f_bbbbbbbbbbbbbbbb'))?.conversationId).toBe('c_1');
    });
    it('expires files past the retention line, and unsent uploads sooner, oldest first, in batches', async () => {
      const T = 1_700_000_000_000;
      const HOUR = 3_600_000;
      await stores.attachments.save(record('f_old0000000000001', { createdAt: T - 40 * 24 * HOUR, conversationId: 'c_1' }));
      await stores.attachments.save(record('f_old0000000000002', { createdAt: T - 35 * 24 * HOUR, conversationId: 'c_1' }));
      await stores.attachments.save(record('f_unsent0000000001', { createdAt: T - 30 * HOUR }));
      await stores.attachments.save(record('f_sent00000000001', { createdAt: T - 30 * HOUR }));
      await stores.attachments.save(record('f_fresh0000000001', { createdAt: T - HOUR }));
      expect((await stores.attachments.bind(['f_sent00000000001'], { kind: 'visitor', id: 'v_1' }, 'c_2')).ok).toBe(true);

      const before = T - 30 * 24 * HOUR;
      const unsentBefore = T - 24 * HOUR;
      expect(await stores.attachments.expire(before, unsentBefore, 1)).toEqual(['f_old0000000000001']);
      expect((await stores.attachments.expire(before, unsentBefore, 10)).sort()).toEqual(['f_old0000000000002', 'f_unsent0000000001']);
      expect(await stores.attachments.expire(before, unsentBefore, 10)).toEqual([]);
      expect(await stores.attachments.get('f_old0000000000001')).toBeNull();
      expect(await stores.attachments.get('f_unsent0000000001')).toBeNull();
      // Sent in a message a day ago, and uploaded an hour ago: both kept.
      expect((await stores.attachments.get('f_sent00000000001'))?.conversationId).toBe('c_2');
      expect(await stores.attachments.get('f_fresh0000000001')).not.toBeNull();
    });
  });
}
