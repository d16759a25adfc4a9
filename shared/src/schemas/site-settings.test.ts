import { describe, expect, it } from 'vitest';
import { ReceiptInput } from './receipts.js';
import { NoticeInput, SiteSettings } from './site-settings.js';

const valid = {
  color: '#0B57D0',
  position: 'left',
  greeting: { en: 'Hi! How can we help?', de: 'Hallo! Wie können wir helfen?' },
  preChat: { name: 'required', email: 'optional', department: true },
  leaveMessageAfterSeconds: 90,
  allowedOrigins: ['https://Partner.example/', ' https://www.partner.example '],
};

describe('SiteSettings', () => {
  it('folds colours and origins to one spelling', () => {
    const s = SiteSettings.parse(valid);
    expect(s.color).toBe('#0b57d0');
    expect(s.allowedOrigins).toEqual(['https://partner.example', 'https://www.partner.example']);
  });

  it.each([
    ['a colour white text cannot be read on', { color: '#ffd54f' }, 'color'],
    ['a colour that is not #rrggbb', { color: 'red' }, 'color'],
    ['an origin with a path', { allowedOrigins: ['https://partner.example/chat'] }, 'allowedOrigins.0'],
    ['a script URL as an origin', { allowedOrigins: ['javascript:alert(1)'] }, 'allowedOrigins.0'],
    ['an unknown pre-chat mode', { preChat: { name: 'maybe', email: 'off', department: false } }, 'preChat.name'],
    ['a greeting in a language we do not speak', { greeting: { it: 'Ciao' } }, 'greeting'],
    ['a wait over an hour', { leaveMessageAfterSeconds: 3601 }, 'leaveMessageAfterSeconds'],
  ])('refuses %s', (_name, patch, path) => {
    const r = SiteSettings.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('NoticeInput', () => {
  it('needs a text in at least one language', () => {
    expect(NoticeInput.safeParse({ kind: 'outage', text: {} }).success).toBe(false);
    expect(NoticeInput.parse({ kind: 'outage', text: { fr: ' Panne réseau ' } }).text.fr).toBe('Panne réseau');
  });
});

describe('ReceiptInput', () => {
  it('needs at least one of delivered and read', () => {
    expect(ReceiptInput.safeParse({ conversationId: 'c1' }).success).toBe(false);
    expect(ReceiptInput.safeParse({ conversationId: 'c1', read: '1700000000000-1' }).success).toBe(true);
  });
});
