import { isIPv4, isIPv6 } from 'node:net';
import { formatInZone, type IncidentTime, type Language } from '@introserv/shared';

/**
 * What the visitor's messages say about an incident, proposed to the operator (who confirms
 * or edits every field). Each language's words are plain lists below, tested one by one;
 * every list is searched whatever the chat's language, since visitors mix languages.
 */
export interface Extracted {
  /** Server IP addresses (v4 and v6), as written. */
  addresses: string[];
  /** Order numbers, as `#123456`. */
  orders: string[];
  /** Service names: quoted after a word for "service", product names (VPS SSD-2), host names. */
  services: string[];
  times: IncidentTime[];
  /** Words saying the service is down or unreachable, as the visitor wrote them: priority High. */
  highBecause: string[];
  /** Words about invoices and payments: the Financial issues department. */
  financial: string[];
}

export interface VisitorText {
  text: string;
  createdAt: number;
}

/**
 * "The service is down / unreachable", per language. Patterns run on folded text (lower
 * case, Turkish dotless ı as i), so they are written folded. Boundaries are added around each.
 */
export const DOWN_WORDS: Record<Language, readonly string[]> = {
  en: [
    "(?:is|are|was|were|went|been|goes|going|seems|still|it[’']s|that[’']s|its)\\s+down",
    'down\\s+(?:again|since|for)',
    'outage',
    'unreachable',
    'not\\s+reachable',
    "(?:not|isn't|isnt|aren't|is\\s+not|are\\s+not)\\s+(?:responding|working|loading|accessible|available|reachable|booting|pinging)",
    "(?:doesn't|doesnt|does\\s+not|don't|dont|won't|wont|will\\s+not)\\s+(?:work|respond|load|boot|start|ping|open|resolve)",
    "(?:can't|cant|cannot|can\\s+not|unable\\s+to)\\s+(?:connect|reach|access|log\\s*in|ssh|ping|open)",
    'unavailable',
    'offline',
    'timed?\\s*out',
    'no\\s+(?:access|connection|ping)',
    'crashed',
  ],
  ru: [
    'не\\s+работа\\p{L}*',
    'недоступ\\p{L}*',
    'упал\\p{L}*',
    'лежит',
    'не\\s+отвеча\\p{L}*',
    'нет\\s+доступа',
    'не\\s+открыва\\p{L}*',
    'не\\s+пинг\\p{L}*',
    'не\\s+загружа\\p{L}*',
    'не\\s+(?:могу|получается)\\s+(?:подключиться|зайти|войти|достучаться)',
    'сбой',
  ],
  hr: [
    'ne\\s+radi',
    'nedostupn\\p{L}*',
    'pao',
    'ne\\s+odgovara',
    'ne\\s+mogu\\s+(?:pristupiti|se\\s+spojiti|spojiti)',
    'nema\\s+pristupa',
    'ne\\s+učitava',
    'ne\\s+pinga',
    'ispad\\p{L}*',
  ],
  tr: [
    'çalişmiyor',
    'erişilemiyor',
    'erişilemez',
    'erişemiyorum',
    'ulaşilamiyor',
    'ulaşamiyorum',
    'çöktü',
    '(?:yanit|cevap)\\s+vermiyor',
    'bağlanamiyorum',
    'açilmiyor',
    'kesinti',
    'hizmet\\s+dişi',
  ],
  de: [
    '(?:ist|sind|war|waren)\\s+(?:schon\\s+|wieder\\s+|seit\\s+\\S+\\s+)?down',
    'nicht\\s+(?:erreichbar|verfügbar|zugänglich|mehr\\s+erreichbar)',
    'unerreichbar',
    'ausgefallen',
    'ausfall',
    '(?:funktioniert|geht|läuft|reagiert|antwortet|lädt|startet|bootet)\\s+(?:nicht|nicht\\s+mehr|gar\\s+nicht)',
    'kein(?:en)?\\s+zugriff',
    'störung',
  ],
  fr: [
    'en\\s+panne',
    'panne',
    'inaccessible',
    'injoignable',
    'ne\\s+(?:fonctionne|marche|répond|charge|démarre|s[’\']ouvre)\\s+(?:pas|plus)',
    'hors\\s+(?:ligne|service)',
    'indisponible',
    'a\\s+planté',
    'impossible\\s+de\\s+(?:se\\s+|me\\s+)?(?:connecter|joindre|accéder)',
    'plus\\s+d[’\']accès',
  ],
};

/** Invoices and payments, per language (folded like DOWN_WORDS). */
export const FINANCIAL_WORDS: Record<Language, readonly string[]> = {
  en: ['invoice\\p{L}*', 'payment\\p{L}*', 'billing', 'refund\\p{L}*', 'charged', 'paid'],
  ru: ['сч[её]т\\p{L}*', 'оплат\\p{L}*', 'плат[её]ж\\p{L}*', 'возврат\\p{L}*', 'списа\\p{L}*'],
  hr: ['faktur\\p{L}*', 'plaćanj\\p{L}*', 'naplat\\p{L}*', 'povrat\\s+novca', 'uplat\\p{L}*'],
  tr: ['fatura\\p{L}*', 'ödeme\\p{L}*', 'iade', 'ücret\\p{L}*'],
  de: ['rechnung\\p{L}*', 'zahlung\\p{L}*', 'bezahl\\p{L}*', 'erstattung', 'abbuchung'],
  fr: ['factur\\p{L}*', 'paiement\\p{L}*', 'rembourse\\p{L}*', 'prélèvement'],
};

/** "Order" and "order number", per language: the number that follows is an order number. */
export const ORDER_WORDS: Record<Language, readonly string[]> = {
  en: ['order(?:\\s+(?:number|no\\.?|nr\\.?|id))?'],
  ru: ['номер\\s+заказа', 'заказ\\p{L}*'],
  hr: ['broj\\s+narudžbe', 'narudžb\\p{L}*'],
  tr: ['sipariş\\s+(?:numarasi|numaram|no\\.?)', 'sipariş\\p{L}*'],
  de: ['bestellnummer', 'bestellung', 'auftragsnummer', 'auftragsnr\\.?', 'auftrag'],
  fr: ['numéro\\s+de\\s+commande', 'n°\\s*de\\s+commande', 'commande'],
};

/** "Service", per language: a quoted name after it is a service name. */
const SERVICE_WORDS = ['service', 'услуг\\p{L}*', 'usluga', 'usluge', 'uslugu', 'hizmet\\p{L}*', 'dienst\\p{L}*', 'servis\\p{L}*'];

/** "Yesterday" moves a time found in the same message one day back. */
const YESTERDAY: Record<Language, string> = { en: 'yesterday', ru: 'вчера', hr: 'jučer', tr: 'dün', de: 'gestern', fr: 'hier' };

const LANGS = Object.keys(DOWN_WORDS) as Language[];
const bounded = (source: string) => `(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`;
const anyOf = (lists: Record<Language, readonly string[]>) => new RegExp(LANGS.flatMap((l) => lists[l]).map(bounded).join('|'), 'gu');

const DOWN = anyOf(DOWN_WORDS);
const FINANCIAL = anyOf(FINANCIAL_WORDS);
const ORDER_BY_WORD = new RegExp(`${bounded(LANGS.flatMap((l) => ORDER_WORDS[l]).join('|'))}\\s*(?:[:#№]|n[o°]\\.?)?\\s*#?\\s*(\\d{4,10})(?!\\d)`, 'gu');
const ORDER_BY_HASH = /(?<![\p{L}\p{N}&])#\s?(\d{4,10})(?!\d)/gu;
const QUOTED_SERVICE = new RegExp(`${bounded(SERVICE_WORDS.join('|'))}\\s*[:\\-–]?\\s*["«„“‚'‹]([^"»“”‘’'›\\n]{2,60})["»“”‘’'›]`, 'gu');
const PRODUCT = /(?<![\p{L}\p{N}])(?:VPS|VDS|vps|vds|Vps|Vds|Dedicated|dedicated|Cloud|cloud)(?:[\s-]+(?:[Ss]erver|SSD|NVMe|Pro|Start|Plus|[A-Z0-9][\w.+-]*)){1,3}/gu;
const HOSTNAME = /(?<![\p{L}\p{N}@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\p{L}\p{N}-]|\.[a-z0-9])/gu;
/** A "host name" ending like these is a file (screenshot.png, error.log), not a service. */
const FILE_EXTENSION = /\.(png|jpe?g|gif|webp|svg|txt|log|php|html?|js|css|pdf|zip|gz|tgz|tar|rar|7z|sh|conf|cfg|json|xml|ya?ml|ini|exe|csv|docx?|xlsx?|md)$/i;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g;
const IPV6 = /(?<![\w:])\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\]?(?![\w:])/gi;

/** Lower case with Turkish dotless/dotted i folded to i, keeping every index (so matches map back to the original). */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch === 'İ' || ch === 'I' ? 'i' : ch === 'ı' ? 'i' : ch.toLowerCase();
    // A lower case that changes length (rare) keeps the original character, so indexes hold.
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

function pushUnique<T>(list: T[], value: T, key: (v: T) => string = String, max = 10): void {
  // Proposals are short by nature; anything longer is noise (and would not fit the form's fields).
  if (typeof value === 'string' && value.length > 100) return;
  if (list.length < max && !list.some((v) => key(v) === key(value))) list.push(value);
}

/**
 * Searches the visitor's messages, oldest first. `timeZone` is the visitor's: times found are
 * understood in it, on the day of the message that mentions them (one day back after "yesterday").
 */
export function extractIncident(messages: readonly VisitorText[], timeZone: string, language: Language): Extracted {
  const out: Extracted = { addresses: [], orders: [], services: [], times: [], highBecause: [], financial: [] };
  for (const { text, createdAt } of messages) {
    const folded = fold(text);
    for (const m of folded.matchAll(DOWN)) pushUnique(out.highBecause, text.slice(m.index, m.index + m[0].length));
    for (const m of folded.matchAll(FINANCIAL)) pushUnique(out.financial, text.slice(m.index, m.index + m[0].length));

    for (const m of text.matchAll(IPV4)) if (isIPv4(m[0])) pushUnique(out.addresses, m[0]);
    for (const m of text.matchAll(IPV6)) {
      const candidate = m[0].replace(/^\[|\]$/g, '');
      if (candidate.includes('::') || candidate.split(':').length === 8) if (isIPv6(candidate)) pushUnique(out.addresses, candidate);
    }
    for (const m of [...folded.matchAll(ORDER_BY_WORD), ...folded.matchAll(ORDER_BY_HASH)]) pushUnique(out.orders, `#${m[1] ?? ''}`);

    for (const m of folded.matchAll(QUOTED_SERVICE)) {
      const start = (m.index) + m[0].indexOf(m[1] ?? '');
      pushUnique(out.services, text.slice(start, start + (m[1] ?? '').length).trim(), (s) => s.toLowerCase());
    }
    for (const m of text.matchAll(PRODUCT)) pushUnique(out.services, m[0].trim(), (s) => s.toLowerCase());
    for (const m of folded.matchAll(HOSTNAME)) {
      const host = text.slice(m.index, m.index + m[0].length);
      if (!/introserv\.(com|net|ru)$/i.test(host) && !FILE_EXTENSION.test(host)) pushUnique(out.services, host, (s) => s.toLowerCase());
    }

    for (const time of timesIn(text, folded, createdAt, timeZone, language)) pushUnique(out.times, time, (t) => `${t.date} ${t.time}`);
  }
  // A number that is an IP address's part is not an order; an order is not an address.
  out.orders = out.orders.filter((o) => !out.addresses.some((a) => a.includes(o.slice(1))));
  return out;
}

const CLOCK = [
  // 8am, 8:15 pm (English): before the plain clock, which would read 8:15 pm as 08:15
  /(?<![\d:])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.?m\.?(?![\p{L}])/gu,
  // 08:15, 8:15 (any language), 8h15 / 8h (French), 8.15 Uhr / 8 Uhr (German)
  /(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?![\d:]|\.\d)/gu,
  /(?<![\p{L}\p{N}])([01]?\d|2[0-3])h([0-5]\d)?(?![\p{L}\p{N}])/gu,
  /(?<![\d.:])([01]?\d|2[0-3])(?:\.([0-5]\d))?\s*uhr(?![\p{L}])/gu,
  // saat 8 / saat 08.15 (Turkish), u 8 sati (Croatian), в 8 утра / в 20 часов (Russian)
  /saat\s+([01]?\d|2[0-3])(?:[.:]([0-5]\d))?(?![\d])/gu,
  /(?<![\p{L}])u\s+([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\s*(?:sati|h)(?![\p{L}])/gu,
  /(?<![\p{L}])в\s+([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\s*(?:утра|часов|часа|час|ч)(?![\p{L}])/gu,
];

const DATE_ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/u;
const DATE_DOTTED = /(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)/u;

function timesIn(text: string, folded: string, createdAt: number, timeZone: string, language: Language): IncidentTime[] {
  const found: { index: number; hour: number; minute: number }[] = [];
  for (const pattern of CLOCK) {
    for (const m of folded.matchAll(pattern)) {
      let hour = Number(m[1]);
      const minute = Number(m[2] ?? 0);
      if (m[3] === 'p' && hour < 12) hour += 12;
      if (m[3] === 'a' && hour === 12) hour = 0;
      if (!found.some((f) => Math.abs(f.index - m.index) < 3)) found.push({ index: m.index, hour, minute });
    }
  }
  if (found.length === 0) return [];
  found.sort((a, b) => a.index - b.index);
  const day = dayOf(text, folded, createdAt, timeZone, language);
  if (!day) return [];
  const pad = (n: number) => String(n).padStart(2, '0');
  return found.map((f) => ({ date: day, time: `${pad(f.hour)}:${pad(f.minute)}`, timeZone }));
}

/** The day a time in this message is on: a date written in it, else the message's own day (or the day before, after "yesterday"). */
function dayOf(text: string, folded: string, createdAt: number, timeZone: string, language: Language): string | null {
  const iso = DATE_ISO.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dotted = DATE_DOTTED.exec(text);
  if (dotted && Number(dotted[2]) <= 12 && Number(dotted[1]) <= 31) return `${dotted[3]}-${dotted[2]?.padStart(2, '0')}-${dotted[1]?.padStart(2, '0')}`;
  const yesterday = [YESTERDAY.en, YESTERDAY[language]].some((w) => new RegExp(bounded(w), 'u').test(folded));
  return formatInZone(createdAt - (yesterday ? 86_400_000 : 0), timeZone)?.date ?? formatInZone(createdAt, 'UTC')?.date ?? null;
}
