import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig: ticket providers', () => {
  it('escalates to the embedded help desk by default, with bounded retries', () => {
    const c = loadConfig({});
    expect(c.tickets).toEqual({ provider: 'local' });
    expect(c.escalation).toMatchObject({ timeoutMs: 15_000, maxAttempts: 8, claimMs: 31_000 });
  });

  it('reads WHMCS with its department names', () => {
    const c = loadConfig({ TICKET_PROVIDER: 'whmcs', WHMCS_URL: 'https://my.introserv.com/', WHMCS_IDENTIFIER: 'id', WHMCS_SECRET: 'secret', WHMCS_DEPARTMENTS: 'technical=Technical Support, financial=Billing' });
    expect(c.tickets).toEqual({ provider: 'whmcs', url: 'https://my.introserv.com/', identifier: 'id', secret: 'secret', accessKey: undefined, departments: { technical: 'Technical Support', financial: 'Billing' } });
  });

  it('reads osTicket ids and Zammad names', () => {
    expect(loadConfig({ TICKET_PROVIDER: 'osticket', OSTICKET_URL: 'https://help.example.com', OSTICKET_API_KEY: 'K', OSTICKET_TOPICS: 'technical=10' }).tickets).toEqual({
      provider: 'osticket',
      url: 'https://help.example.com',
      apiKey: 'K',
      topics: { technical: 10 },
      priorities: { regular: 2, high: 3 },
    });
    expect(loadConfig({ TICKET_PROVIDER: 'zammad', ZAMMAD_URL: 'https://z.example.com', ZAMMAD_TOKEN: 'T' }).tickets).toMatchObject({
      groups: { technical: 'Technical issues', financial: 'Financial issues' },
      priorities: { regular: '2 normal', high: '3 high' },
    });
  });

  it('names every missing setting of the chosen provider, and a bad mapping', () => {
    expect(() => loadConfig({ TICKET_PROVIDER: 'whmcs', WHMCS_URL: 'https://x.example' })).toThrow(/WHMCS_IDENTIFIER: required when TICKET_PROVIDER=whmcs\n\s+WHMCS_SECRET: required/);
    expect(() => loadConfig({ TICKET_PROVIDER: 'webhook', TICKET_WEBHOOK_URL: 'https://x.example/hook', TICKET_WEBHOOK_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ TICKET_PROVIDER: 'osticket', OSTICKET_URL: 'https://x.example', OSTICKET_API_KEY: 'K', OSTICKET_PRIORITIES: 'regular=normal' })).toThrow(/OSTICKET_PRIORITIES: regular=normal is not a numeric id/);
    expect(() => loadConfig({ TICKET_PROVIDER: 'zammad', ZAMMAD_URL: 'https://x.example', ZAMMAD_TOKEN: 'T', ZAMMAD_GROUPS: 'technical=Support,sales=Sales' })).toThrow(/ZAMMAD_GROUPS: "sales=Sales" is not <technical\|financial>=<value>/);
    expect(() => loadConfig({ TICKET_PROVIDER: 'ftp' })).toThrow(/TICKET_PROVIDER/);
  });
});
