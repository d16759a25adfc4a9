import { ConfigError } from './config-error.js';
import type { RedisTarget } from './store/redis-connection.js';

/** The Redis variables, as config.ts parsed them (this module never reads the environment). */
export interface RedisEnv {
  REDIS_URL?: string | undefined;
  REDIS_SENTINELS?: string | undefined;
  REDIS_MASTER_NAME: string;
  REDIS_PASSWORD?: string | undefined;
  REDIS_SENTINEL_PASSWORD?: string | undefined;
  REDIS_WAIT_REPLICAS: number;
  REDIS_WAIT_MS: number;
}

export interface RedisSettings {
  target: RedisTarget | undefined;
  /** `replicas` 0: acks do not wait for replicas. */
  wait: { replicas: number; timeoutMs: number };
}

/** REDIS_URL xor REDIS_SENTINELS, and the settings that only make sense with one of them. */
export function redisSettings(e: RedisEnv): RedisSettings {
  const problems: string[] = [];
  let target: RedisTarget | undefined;
  if (e.REDIS_URL && e.REDIS_SENTINELS) {
    problems.push('REDIS_SENTINELS: set REDIS_URL (one Redis) or REDIS_SENTINELS (a primary found through Sentinel), not both');
  } else if (e.REDIS_URL) {
    target = { kind: 'url', url: e.REDIS_URL };
    if (e.REDIS_PASSWORD) problems.push('REDIS_PASSWORD: with REDIS_URL the password goes in the URL (redis://:password@host:6379)');
    if (e.REDIS_SENTINEL_PASSWORD) problems.push('REDIS_SENTINEL_PASSWORD: only used with REDIS_SENTINELS');
  } else if (e.REDIS_SENTINELS) {
    const sentinels = parseSentinels(e.REDIS_SENTINELS, problems);
    target = { kind: 'sentinel', sentinels, masterName: e.REDIS_MASTER_NAME, password: e.REDIS_PASSWORD, sentinelPassword: e.REDIS_SENTINEL_PASSWORD };
  } else if (e.REDIS_PASSWORD || e.REDIS_SENTINEL_PASSWORD) {
    problems.push('REDIS_PASSWORD: set REDIS_SENTINELS too (or put the password in REDIS_URL)');
  }
  if (e.REDIS_WAIT_REPLICAS > 0 && !target) problems.push('REDIS_WAIT_REPLICAS: needs REDIS_URL or REDIS_SENTINELS (the memory store has no replicas)');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { target, wait: { replicas: e.REDIS_WAIT_REPLICAS, timeoutMs: e.REDIS_WAIT_MS } };
}

/** `10.0.0.1:26379,sentinel-b:26379,[::1]:26380` → addresses; a missing port is Sentinel's 26379. */
function parseSentinels(text: string, problems: string[]): { host: string; port: number }[] {
  const out: { host: string; port: number }[] = [];
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+))(?::(\d{1,5}))?$/.exec(item);
    const host = m?.[1] ?? m?.[2];
    const port = m?.[3] === undefined ? 26379 : Number(m[3]);
    if (!host || port < 1 || port > 65535) {
      problems.push(`REDIS_SENTINELS: "${item}" is not host:port`);
      continue;
    }
    out.push({ host, port });
  }
  if (out.length === 0 && problems.length === 0) problems.push('REDIS_SENTINELS: lists no sentinel');
  return out;
}
