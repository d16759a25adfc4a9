import { describe, expect, it } from 'vitest';
import type { Conversation } from '@introserv/shared';
import type { Quotas } from '../config.js';
import { MemoryRateLimitStore } from './rate-limit.memory-store.js';
import { QuotaService } from './quota.service.js';

const MINUTE = 60_000;
const quotas: Quotas = {
  visitor: { perIp: { limit: 2, windowMs: MINUTE }, perSite: { limit: 0, windowMs: MINUTE } },
  conversation: { perIp: { limit: 5, windowMs: MINUTE }, perSite: { limit: 3, windowMs: MINUTE }, queuedPerIp: 2 },
  message: { perIp: { limit: 5, windowMs: MINUTE } },
};
const who = { address: '198.51.100.1', siteId: 'introserv', verified: false };

describe('QuotaService', () => {
  it('refuses the next new visitor of an address at once (exact, before the write)', async () => {
    const clock = { now: 10 * MINUTE };
    const q = new QuotaService(new MemoryRateLimitStore(), quotas, () => {}, () => clock.now);
    await q.take('visitor', who);
    await q.take('visitor', who);
    await expect(q.take('visitor', who)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await q.take('visitor', { ...who, address: '198.51.100.2' });
  });

  it('opens conversations against the address, the site (a fresh address and a verified visitor aside) and the address’s places in the queue', async () => {
    const clock = { now: 10 * MINUTE };
    const refused: string[] = [];
    const q = new QuotaService(new MemoryRateLimitStore(), quotas, (k) => refused.push(k), () => clock.now);
    const from = (address: string, verified = false) => ({ ...who, address, verified });
    await q.takeConversation(from('198.51.100.1'), 'c1');
    await q.takeConversation(from('198.51.100.2'), 'c2');
    await q.takeConversation(from('198.51.100.3'), 'c3');
    // The site's 3 are spent: a fresh address gets its first, a known one is refused, a verified visitor is not.
    await q.takeConversation(from('198.51.100.4'), 'c4');
    await expect(q.takeConversation(from('198.51.100.1'), 'c5')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await q.takeConversation(from('198.51.100.1', true), 'c6');
    // A verified visitor takes no place in the queue either: three at once from one address.
    for (const id of ['c7', 'c8', 'c9']) await q.takeConversation(from('198.51.100.6', true), id);
    expect(refused).toEqual(['conversation:site']);
  });

  it('keeps an address to its places in the queue, given back when a conversation is served or closed, and by release', async () => {
    const clock = { now: 10 * MINUTE };
    const store = new MemoryRateLimitStore();
    const q = new QuotaService(store, { ...quotas, conversation: { ...quotas.conversation, perSite: { limit: 0, windowMs: MINUTE } } }, () => {}, () => clock.now);
    const ip = '2001:db8:aa:bb::1';
    const first = await q.takeConversation({ ...who, address: ip }, 'c1');
    await q.takeConversation({ ...who, address: '2001:db8:aa:bb::2' }, 'c2');
    // The same /64: its two places are taken.
    await expect(q.takeConversation({ ...who, address: '2001:db8:aa:bb::3' }, 'c3')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await first.release();
    const third = await q.takeConversation({ ...who, address: ip }, 'c3');
    const conversation = (id: string) => ({ id, visitor: { ip, verified: false } }) as Conversation;
    q.queueChanged(conversation('c2'), 'served');
    await expect.poll(() => q.takeConversation({ ...who, address: ip }, 'c4').then(() => true, () => false)).toBe(true);
    // Back in the queue (its operator left): held again, whatever the limit.
    q.queueChanged(conversation('c2'), 'returned');
    await expect.poll(() => store.hold({ key: 'queued:2001:db8:aa:bb::/64', limit: 2, ttlMs: MINUTE }, 'probe', clock.now)).toBe(false);
    q.queueChanged(conversation('c2'), 'left');
    q.queueChanged(conversation('c4'), 'left');
    await third.release();
    await expect.poll(() => store.hold({ key: 'queued:2001:db8:aa:bb::/64', limit: 2, ttlMs: MINUTE }, 'probe', clock.now)).toBe(true);
  });

  it('counts messages in batches: over the quota, an address is refused from the next batch until its window slides', async () => {
    const clock = { now: 10 * MINUTE };
    const refused: string[] = [];
    const q = new QuotaService(new MemoryRateLimitStore(), quotas, (k) => refused.push(k), () => clock.now, { messageBatchMs: 60_000, onError: () => {} });
    for (let i = 0; i < 7; i++) await q.take('message', who);
    await q.flush();
    await expect(q.take('message', who)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await q.take('message', { ...who, address: '198.51.100.9' });
    expect(refused).toEqual(['message:ip']);
    // A window and a half later the 7 have slid out: admitted again.
    clock.now += 2 * MINUTE;
    await q.take('message', who);
  });
});
