import { SiteSettings, StatusNotice } from '@introserv/shared';
import type { z } from 'zod';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import type { SettingsStore } from './settings.store.js';

/** `settings` and `notice`: one JSON string each. */
export class RedisSettingsStore implements SettingsStore {
  constructor(private readonly ks: RedisKeyspace) {}

  async get(): Promise<SiteSettings | null> {
    return parsed(SiteSettings, await this.ks.redis.get(this.ks.key('settings')));
  }

  async save(settings: SiteSettings): Promise<void> {
    await this.ks.redis.set(this.ks.key('settings'), JSON.stringify(settings));
  }

  async notice(): Promise<StatusNotice | null> {
    return parsed(StatusNotice, await this.ks.redis.get(this.ks.key('notice')));
  }

  async saveNotice(notice: StatusNotice | null): Promise<void> {
    if (notice) await this.ks.redis.set(this.ks.key('notice'), JSON.stringify(notice));
    else await this.ks.redis.del(this.ks.key('notice'));
  }
}

/** Parsed, not trusted: a hand-edited or outdated value reads as "none" (the defaults), never as bad data on a page. */
function parsed<S extends z.ZodType>(schema: S, raw: string | null): z.output<S> | null {
  if (raw === null) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
