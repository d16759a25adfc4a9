import { describe, expect, it } from 'vitest';
import type { Quotas } from '../config.js';
import { MemoryRateLimitStore } from './rate-limit.memory-store.js';
import { QuotaService } from './quota.service.js';

const MINUTE = 60_000;
const quotas: Quotas = {
  visitor: { perIp: { limit: 2, windowMs: MINUTE }, perSite: { limit: 0, windowMs: MINUTE } },
  conversation: { perIp: { limit: 0, windowMs: MINUTE }, perSite: { limit: 0, windowMs: MINUTE } },
  message: { perIp: { limit: 5, windowMs: MINUTE }, perSite: { limit: 100, windowMs: MINUTE } },
};
const who = { address: '198.51.100.1', siteId: 'introserv' };

describe('QuotaService', () => {
  it('refuses the next new visitor of an address at once (exact, before the write)', async () => {
    const clock = { now: 10 * MINUTE };
    const q = new QuotaService(new MemoryRateLimitStore(), quotas, () => {}, () => clock.now);
    await q.take('visitor', who);
    await q.take('visitor', who);
    await expect(q.take('visitor', who)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await q.take('visitor', { ...who, address: '198.51.100.2' });
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
