import { describe, expect, it } from 'vitest';
import { VisitorHello, VisitorMessageSend } from './visitor.js';

const hello = {
  siteId: 'introserv',
  visitorToken: null,
  language: 'hr',
  page: { url: 'https://introserv.com/dedicated', title: 'Dedicated servers' },
  timeZone: 'Europe/Zagreb',
};

describe('VisitorHello', () => {
  it('accepts a first visit and a returning visit with a cursor', () => {
    expect(VisitorHello.parse(hello)).toEqual(hello);
    const back = { ...hello, visitorToken: 'a'.repeat(43), since: '1700000000000-3' };
    expect(VisitorHello.parse(back)).toEqual(back);
  });

  it.each([
    ['an unsupported language', { ...hello, language: 'pl' }, 'language'],
    ['a script in the site id', { ...hello, siteId: '<script>' }, 'siteId'],
    ['a page that is not a URL', { ...hello, page: { url: 'nope', title: '' } }, 'page.url'],
    ['a short token', { ...hello, visitorToken: 'abc' }, 'visitorToken'],
    ['a malformed cursor', { ...hello, since: 'latest' }, 'since'],
  ])('rejects %s', (_name, input, path) => {
    const r = VisitorHello.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('VisitorMessageSend', () => {
  it('trims the text', () => {
    expect(VisitorMessageSend.parse({ id: 'msg-12345678', text: '  hi  ' }).text).toBe('hi');
  });
  it('rejects blank, oversized and id-less messages', () => {
    expect(VisitorMessageSend.safeParse({ id: 'msg-12345678', text: '   ' }).success).toBe(false);
    expect(VisitorMessageSend.safeParse({ id: 'msg-12345678', text: 'x'.repeat(5001) }).success).toBe(false);
    expect(VisitorMessageSend.safeParse({ text: 'hi' }).success).toBe(false);
    expect(VisitorMessageSend.safeParse({ id: 'short', text: 'hi' }).success).toBe(false);
  });
});

describe('VisitorMessageSend with files', () => {
  const file = 'f_0123456789abcdef';
  it('takes files without text, but not nothing at all', () => {
    expect(VisitorMessageSend.parse({ id: 'msg-12345678', text: ' ', attachments: [file] })).toEqual({ id: 'msg-12345678', text: '', attachments: [file] });
    expect(VisitorMessageSend.safeParse({ id: 'msg-12345678', text: '', attachments: [] }).success).toBe(false);
  });
  it('refuses text past the limit instead of cutting it, and more than five files', () => {
    const r = VisitorMessageSend.safeParse({ id: 'msg-12345678', text: 'x'.repeat(5001), attachments: [file] });
    expect(r.error?.issues[0]?.message).toBe('message is longer than 5000 characters');
    expect(VisitorMessageSend.safeParse({ id: 'msg-12345678', text: 'hi', attachments: Array(6).fill(file) }).success).toBe(false);
    expect(VisitorMessageSend.safeParse({ id: 'msg-12345678', text: 'hi', attachments: ['../etc/passwd'] }).success).toBe(false);
  });
});
