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
  });
}
