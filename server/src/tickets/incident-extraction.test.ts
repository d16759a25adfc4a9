import type { Language } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { DOWN_WORDS, FINANCIAL_WORDS, ORDER_WORDS, extractIncident, fold } from './incident-extraction.js';

// 2026-12-02 10:00 UTC: 11:00 in Zagreb, 13:00 in Istanbul.
const AT = Date.UTC(2026, 11, 2, 10, 0);
const one = (text: string, language: Language = 'en', timeZone = 'Europe/Zagreb') => extractIncident([{ text, createdAt: AT }], timeZone, language);

describe('incident extraction: the service is down, in every language', () => {
  const down: Record<Language, string[]> = {
    en: ['My server is down since 8:00', 'the site went down again', 'VPS unreachable', 'it is not responding', "the panel doesn't load", "I can't connect over SSH", 'Connection timed out', 'big outage here', 'It’s down'],
    ru: ['Сервер не работает с утра', 'сайт недоступен', 'всё упало', 'сервер лежит', 'не отвечает на пинг', 'нет доступа к панели', 'не могу подключиться по SSH', 'НЕ РАБОТАЕТ'],
    hr: ['Server ne radi od jutra', 'stranica je nedostupna', 'server je pao', 'ne odgovara na ping', 'ne mogu pristupiti panelu', 'nema pristupa'],
    tr: ['Sunucum çalışmıyor', 'site erişilemiyor', 'SUNUCU ÇALIŞMIYOR', 'panel açılmıyor', 'sunucu çöktü', 'sunucu yanıt vermiyor', 'SSH ile bağlanamıyorum'],
    de: ['Mein Server ist down', 'Die Seite ist nicht erreichbar', 'der Server ist ausgefallen', 'SSH funktioniert nicht', 'das Panel reagiert nicht mehr', 'kein Zugriff auf den Server', 'Störung im Netz'],
    fr: ['Mon serveur est en panne', 'le site est inaccessible', 'le panneau ne répond plus', 'ça ne fonctionne pas', 'serveur hors ligne', 'service indisponible', 'impossible de me connecter', 'le serveur a planté'],
  };

  it.each(Object.entries(down) as [Language, string[]][])('finds %s words for an outage, as written', (language, texts) => {
    for (const text of texts) {
      const found = one(text, language).highBecause;
      expect(found, text).toHaveLength(1);
      expect(text, text).toContain(found[0]);
    }
  });

  const calm: Record<Language, string[]> = {
    en: ['How do I download my invoice?', 'I want to upgrade my VPS', 'Thanks, it works now'],
    ru: ['Как продлить услугу?', 'Спасибо, всё работает'],
    hr: ['Kako produljiti uslugu?', 'Hvala, sve radi'],
    tr: ['Hizmetimi nasıl uzatırım?', 'Teşekkürler, çalışıyor'],
    de: ['Wie verlängere ich den Vertrag?', 'Danke, es funktioniert wieder'],
    fr: ['Comment renouveler mon service ?', 'Merci, ça fonctionne'],
  };

  it.each(Object.entries(calm) as [Language, string[]][])('does not call High for an ordinary %s question', (language, texts) => {
    for (const text of texts) expect(one(text, language).highBecause, text).toEqual([]);
  });

  it('has a list for each of the six languages, and every word compiles', () => {
    for (const lists of [DOWN_WORDS, FINANCIAL_WORDS, ORDER_WORDS]) {
      expect(Object.keys(lists).sort()).toEqual(['de', 'en', 'fr', 'hr', 'ru', 'tr']);
      for (const words of Object.values(lists)) for (const w of words) expect(() => new RegExp(w, 'u')).not.toThrow();
    }
  });
});

describe('incident extraction: addresses, orders, services, times', () => {
  it('finds IPv4 and IPv6 addresses, and nothing in versions or times', () => {
    const found = one('Server 203.0.113.7 and [2001:db8::1] are down, also fe80::1ff:fe23:4567:890a; version 1.2.3.4.5 and 10:15:30 are not');
    expect(found.addresses).toEqual(['203.0.113.7', '2001:db8::1', 'fe80::1ff:fe23:4567:890a']);
    expect(one('256.1.1.1 is not an address').addresses).toEqual([]);
  });

  const orders: Record<Language, string> = {
    en: 'My order number 123456 is stuck, also order #234567',
    ru: 'Номер заказа 123456, и заказ №234567',
    hr: 'Broj narudžbe 123456 i narudžba #234567',
    tr: 'Sipariş numarası 123456 ve siparişim 234567',
    de: 'Bestellnummer: 123456 und Auftrag 234567',
    fr: 'Numéro de commande 123456 et commande n° 234567',
  };

  it.each(Object.entries(orders) as [Language, string][])('finds %s order numbers, written as #123456', (language, text) => {
    expect(one(text, language).orders.sort()).toEqual(['#123456', '#234567']);
  });

  it('takes #123456 as an order, but not a number that is part of an address or an HTML entity', () => {
    expect(one('see #345678 please').orders).toEqual(['#345678']);
    expect(one('&#8217; and #12').orders).toEqual([]);
  });

  it('finds service names: quoted after "service" in any language, product names and host names', () => {
    expect(one('The service "VPS SSD-2 Amsterdam" does not start').services).toContain('VPS SSD-2 Amsterdam');
    expect(one('Услуга «Dedicated E3-1230» не работает', 'ru').services).toContain('Dedicated E3-1230');
    expect(one('Der Dienst „Cloud Start“ ist down', 'de').services).toContain('Cloud Start');
    expect(one('Hizmet "VDS Pro 4" erişilemiyor', 'tr').services).toContain('VDS Pro 4');
    expect(one('My VPS-M2 and shop.example.com are slow; see error.log and screenshot.png').services).toEqual(['VPS-M2', 'shop.example.com']);
    expect(one('I came from introserv.com').services).toEqual([]);
  });

  it('reads times in the visitor’s zone, on the message’s day or the day before after "yesterday"', () => {
    expect(one('down since 08:15').times).toEqual([{ date: '2026-12-02', time: '08:15', timeZone: 'Europe/Zagreb' }]);
    expect(one('since 8:15 pm yesterday').times).toEqual([{ date: '2026-12-01', time: '20:15', timeZone: 'Europe/Zagreb' }]);
    expect(one('seit 8 Uhr', 'de').times).toEqual([{ date: '2026-12-02', time: '08:00', timeZone: 'Europe/Zagreb' }]);
    expect(one('depuis hier 23h30', 'fr').times).toEqual([{ date: '2026-12-01', time: '23:30', timeZone: 'Europe/Zagreb' }]);
    expect(one('с вчера, примерно в 7 утра', 'ru').times).toEqual([{ date: '2026-12-01', time: '07:00', timeZone: 'Europe/Zagreb' }]);
    expect(one('od jučer u 9 sati', 'hr').times).toEqual([{ date: '2026-12-01', time: '09:00', timeZone: 'Europe/Zagreb' }]);
    expect(one('dün saat 14.30 civarı', 'tr', 'Europe/Istanbul').times).toEqual([{ date: '2026-12-01', time: '14:30', timeZone: 'Europe/Istanbul' }]);
    expect(one('am 30.11.2026 um 07:45', 'de').times).toEqual([{ date: '2026-11-30', time: '07:45', timeZone: 'Europe/Zagreb' }]);
    // "hier" is French for yesterday, but German for "here".
    expect(one('seit 9 Uhr hier', 'de').times).toEqual([{ date: '2026-12-02', time: '09:00', timeZone: 'Europe/Zagreb' }]);
  });

  it('finds invoices and payments in every language', () => {
    const texts: Record<Language, string> = {
      en: 'question about my invoice',
      ru: 'вопрос по оплате',
      hr: 'pitanje o fakturi',
      tr: 'faturam hakkında',
      de: 'Frage zur Rechnung',
      fr: 'question sur ma facture',
    };
    for (const [language, text] of Object.entries(texts) as [Language, string][]) expect(one(text, language).financial, text).toHaveLength(1);
  });

  it('folds case and Turkish i without moving any character', () => {
    const text = 'İSTANBUL ÇALIŞMIYOR ışık';
    expect(fold(text)).toHaveLength(text.length);
    expect(fold(text)).toBe('istanbul çalişmiyor işik');
  });
});
