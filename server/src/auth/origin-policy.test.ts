import { describe, expect, it } from 'vitest';
import { OriginPolicy } from './origin-policy.js';

describe('OriginPolicy', () => {
  const policy = new OriginPolicy({ publicUrl: 'https://chat.introserv.com', allowedOrigins: ['https://chat.introserv.com', 'https://introserv.com'] });

  it('lets the widget in from listed origins and from our own host only', () => {
    expect(policy.widgetAllowed('https://introserv.com')).toBe(true);
    expect(policy.widgetAllowed('https://chat.introserv.com')).toBe(true);
    expect(policy.widgetAllowed('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(policy.widgetAllowed('https://evil.example', 'chat.introserv.com')).toBe(false);
    expect(policy.widgetAllowed('https://introserv.com.evil.example')).toBe(false);
  });

  it('lets the console in from our own origin only, whatever the allowlist says', () => {
    expect(policy.consoleAllowed('https://chat.introserv.com', undefined)).toBe(true);
    expect(policy.consoleAllowed('https://introserv.com', 'chat.introserv.com')).toBe(false);
    expect(policy.consoleAllowed('null', 'chat.introserv.com')).toBe(false);
  });

  it('lets any origin embed the widget with a wildcard', () => {
    expect(new OriginPolicy({ publicUrl: 'http://localhost:3000', allowedOrigins: '*' }).widgetAllowed('https://anything.example')).toBe(true);
  });

  it('lets in the origins an admin allowed in the settings, read at every check, but never for the console', () => {
    let extra: string[] = [];
    const withSettings = new OriginPolicy({ publicUrl: 'https://chat.introserv.com', allowedOrigins: ['https://chat.introserv.com'] }, () => extra);
    expect(withSettings.widgetAllowed('https://partner.example')).toBe(false);
    extra = ['https://partner.example'];
    expect(withSettings.widgetAllowed('https://partner.example')).toBe(true);
    expect(withSettings.widgetAllowed('https://PARTNER.example')).toBe(true);
    expect(withSettings.consoleAllowed('https://partner.example', 'chat.introserv.com')).toBe(false);
  });
});
