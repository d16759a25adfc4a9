import { LuaScript } from '../store/lua-script.js';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import { digitsOf, type LocalTicketRecord, type NewLocalTicket, type TicketStore } from './ticket.store.js';

/**
 * KEYS: key index, all tickets (zset). ARGV: prefix, json, createdAt, then candidate digits.
 * Returns {1, digits} filed, {0, digits} the key was filed before, {-1} every candidate taken.
 */
const createTicket = new LuaScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return {0, existing} end
for i = 4, #ARGV do
  if redis.call('SET', ARGV[1] .. 'tkt:' .. ARGV[i], ARGV[2], 'NX') then
    redis.call('SET', KEYS[1], ARGV[i])
    redis.call('ZADD', KEYS[2], ARGV[3], ARGV[i])
    return {1, ARGV[i]}
  end
end
return {-1}
`);

/** `tkt:<digits>` JSON (without its number), `tkt:key:<escalation id>` → digits, `tkts` sorted set by creation. */
export class RedisTicketStore implements TicketStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async create(key: string, ticket: NewLocalTicket, candidates: readonly string[]): Promise<{ ticket: LocalTicketRecord; created: boolean } | null> {
    const res = (await createTicket.run(
      this.ks.redis,
      [this.ks.key('tkt', 'key', key), this.ks.key('tkts')],
      [this.ks.prefix, JSON.stringify(ticket), ticket.createdAt, ...candidates.map(digitsOf)],
    )) as [number, string?];
    if (res[0] === -1 || !res[1]) return null;
    const stored = await this.get(res[1]);
    if (!stored) throw new Error(`ticket #${res[1]} vanished after it was filed`);
    return { ticket: stored, created: res[0] === 1 };
  }

  async get(number: string): Promise<LocalTicketRecord | null> {
    const digits = digitsOf(number);
    if (!/^\d{6}$/.test(digits)) return null;
    const json = await this.ks.redis.get(this.ks.key('tkt', digits));
    return json ? { ...(JSON.parse(json) as NewLocalTicket), number: `#${digits}` } : null;
  }

  async list(limit: number): Promise<LocalTicketRecord[]> {
    const numbers = await this.ks.redis.zrevrange(this.ks.key('tkts'), 0, limit - 1);
    if (numbers.length === 0) return [];
    const rows = await this.ks.redis.mget(...numbers.map((n) => this.ks.key('tkt', n)));
    return rows.flatMap((json, i) => (json ? [{ ...(JSON.parse(json) as NewLocalTicket), number: `#${numbers[i] ?? ''}` }] : []));
  }
}
