import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults that run the quick start', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.redisUrl).toBeUndefined();
    expect(c.allowedOrigins).toEqual(['http://localhost:3000']);
    expect(c.sessionSecretGenerated).toBe(true);
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://chat.introserv.com/',
      REDIS_URL: 'redis://127.0.0.1:6380',
      SESSION_SECRET: 's'.repeat(40),
      ADMIN_EMAIL: ' Boss@Introserv.com ',
      ADMIN_PASSWORD: 'correct horse',
      ALLOWED_ORIGINS: 'https://introserv.com, https://www.introserv.com',
    });
    expect(c.port).toBe(8080);
    expect(c.publicUrl).toBe('https://chat.introserv.com');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6380');
    expect(c.admin).toEqual({ email: 'boss@introserv.com', password: 'correct horse', name: 'Admin' });
    expect(c.allowedOrigins).toEqual(['https://chat.introserv.com', 'https://introserv.com', 'https://www.introserv.com']);
    expect(c.sessionSecretGenerated).toBe(false);
  });

  it('accepts a wildcard origin list', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: '*' }).allowedOrigins).toBe('*');
  });

  it('fails fast with one readable line per bad variable', () => {
    const bad = () => loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', SESSION_SECRET: 'short' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT: .*\n\s+REDIS_URL: must start with redis:\/\/.*\n\s+SESSION_SECRET: must be at least 32/s);
  });

  it('reads the routing fallback and the wait alert, with defaults', () => {
    expect(loadConfig({})).toMatchObject({ routingFallbackMs: 60_000, waitAlertSeconds: 60 });
    expect(loadConfig({ ROUTING_FALLBACK_SECONDS: '2.5', WAIT_ALERT_SECONDS: '30' })).toMatchObject({ routingFallbackMs: 2_500, waitAlertSeconds: 30 });
    expect(() => loadConfig({ ROUTING_FALLBACK_SECONDS: '-1' })).toThrow(/ROUTING_FALLBACK_SECONDS/);
  });

  it('rejects an allowed origin with a path', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://introserv.com/chat' })).toThrow(/ALLOWED_ORIGINS/);
  });
});
