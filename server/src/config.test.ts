import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults that run the quick start', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.redis).toBeUndefined();
    expect(c.redisWait).toEqual({ replicas: 0, timeoutMs: 250 });
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
    expect(c.redis).toEqual({ kind: 'url', url: 'redis://127.0.0.1:6380' });
    expect(c.admin).toEqual({ email: 'boss@introserv.com', password: 'correct horse', name: 'Admin' });
    expect(c.allowedOrigins).toEqual(['https://chat.introserv.com', 'https://introserv.com', 'https://www.introserv.com']);
    expect(c.sessionSecretGenerated).toBe(false);
  });

  it('finds Redis through Sentinel, with passwords and the wait for replicas', () => {
    const c = loadConfig({
      REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380,[::1]:26381,sentinel-d',
      REDIS_MASTER_NAME: 'chat',
      REDIS_PASSWORD: 'data-pass',
      REDIS_SENTINEL_PASSWORD: 'sentinel-pass',
      REDIS_WAIT_REPLICAS: '1',
      REDIS_WAIT_MS: '100',
    });
    expect(c.redis).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-b', port: 26380 },
        { host: '::1', port: 26381 },
        { host: 'sentinel-d', port: 26379 },
      ],
      masterName: 'chat',
      password: 'data-pass',
      sentinelPassword: 'sentinel-pass',
    });
    expect(c.redisWait).toEqual({ replicas: 1, timeoutMs: 100 });
    expect(loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379' }).redis).toMatchObject({ masterName: 'mymaster' });
  });

  it('refuses Redis settings that contradict each other', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://a:6379', REDIS_SENTINELS: 'b:26379' })).toThrow(/REDIS_SENTINELS: set REDIS_URL .* not both/);
    expect(() => loadConfig({ REDIS_URL: 'redis://a:6379', REDIS_PASSWORD: 'p' })).toThrow(/REDIS_PASSWORD: with REDIS_URL the password goes in the URL/);
    expect(() => loadConfig({ REDIS_SENTINELS: 'b:99999,c:x' })).toThrow(/REDIS_SENTINELS: "b:99999" is not host:port\n\s+REDIS_SENTINELS: "c:x" is not host:port/);
    expect(() => loadConfig({ REDIS_SENTINELS: ' , ' })).toThrow(/REDIS_SENTINELS: lists no sentinel/);
    expect(() => loadConfig({ REDIS_WAIT_REPLICAS: '1' })).toThrow(/REDIS_WAIT_REPLICAS: needs REDIS_URL or REDIS_SENTINELS/);
    // 0 ms would be WAIT's "forever".
    expect(() => loadConfig({ REDIS_URL: 'redis://a:6379', REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_MS: '0' })).toThrow(/REDIS_WAIT_MS/);
  });

  it('accepts a wildcard origin list', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: '*' }).allowedOrigins).toBe('*');
  });

  it('fails fast with one readable line per bad variable', () => {
    const bad = () => loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', SESSION_SECRET: 'short' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/PORT: .*\n\s+REDIS_URL: must start with redis:\/\/.*\n\s+SESSION_SECRET: must be at least 32/s);
  });

  it('reads the abuse limits, retention and metrics settings, and refuses a retention shorter than the idle close', () => {
    const c = loadConfig({ RETENTION_DAYS: '7', MAX_CONNECTIONS_PER_IP: '20', QUOTA_QUEUED_PER_IP: '0', METRICS_TOKEN: 't'.repeat(20), METRICS_PORT: '9100' });
    expect(c.retentionMs).toBe(7 * 86_400_000);
    expect(c.connectionLimits.perIp).toBe(20);
    expect(c.quotas.conversation).toEqual({ perIp: { limit: 30, windowMs: 3_600_000 }, perSite: { limit: 1_000, windowMs: 3_600_000 }, queuedPerIp: 0 });
    expect(c.quotas.message).toEqual({ perIp: { limit: 300, windowMs: 60_000 } });
    expect(c.metrics).toEqual({ token: 't'.repeat(20), port: 9100 });
    expect(() => loadConfig({ RETENTION_DAYS: '1', IDLE_CLOSE_MINUTES: String(2 * 24 * 60) })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
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

describe('loadConfig: files and mail', () => {
  it('keeps uploads under the temp dir at 10 MB by default, and e-mail off without SMTP_URL', () => {
    const c = loadConfig({});
    expect(c.uploadDir).toMatch(/introserv-chat-uploads$/);
    expect(c.uploadMaxBytes).toBe(10 * 1024 * 1024);
    expect(c.smtp).toBeUndefined();
  });

  it('reads UPLOAD_DIR, UPLOAD_MAX_BYTES, SMTP_URL and SMTP_FROM, and refuses a mail URL that is not SMTP', () => {
    const c = loadConfig({ UPLOAD_DIR: '/var/lib/chat/files', UPLOAD_MAX_BYTES: '2048', SMTP_URL: 'smtp://mail:secret@mx.introserv.com:587', SMTP_FROM: 'Chat <chat@introserv.com>' });
    expect(c).toMatchObject({ uploadDir: '/var/lib/chat/files', uploadMaxBytes: 2048, smtp: { url: 'smtp://mail:secret@mx.introserv.com:587', from: 'Chat <chat@introserv.com>' } });
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must start with smtp:\/\//);
  });
});
