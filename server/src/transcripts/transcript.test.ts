import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Conversation, type Message } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { renderTranscriptHtml, renderTranscriptText } from './transcript.js';

const conversation: Conversation = {
  id: 'c_transcript01',
  siteId: 'introserv',
  status: 'closed',
  department: 'general',
  language: 'de',
  visitor: {
    id: 'v_1',
    page: { url: 'https://introserv.com/', title: 'x' },
    timeZone: 'Europe/Berlin',
    online: false,
    seenAt: 0,
    name: null,
    email: null,
    verified: false,
    userId: null,
    userAgent: null,
    ip: null,
    country: null,
  },
  operator: null,
  createdAt: Date.UTC(2026, 11, 2, 9, 0, 0),
  updatedAt: 0,
  lastMessage: null,
};

let n = 0;
const at = (s: number) => Date.UTC(2026, 11, 2, 9, 0, s);
const msg = (over: Partial<Message>): Message => ({
  id: `msg-${String(++n).padStart(8, '0')}`,
  conversationId: conversation.id,
  cursor: `${at(n)}-0`,
  kind: 'text',
  author: { kind: 'visitor' },
  text: '',
  createdAt: at(n),
  ...over,
});

const messages: Message[] = [
  msg({ text: 'Mein Server 203.0.113.7 ist down\nseit 8 Uhr' }),
  msg({ kind: 'system', author: { kind: 'system' }, event: { type: 'assigned', operator: { id: 'op_1', name: 'Ana <b>' } } }),
  msg({ author: { kind: 'operator', id: 'op_1', name: 'Ana <b>' }, text: '<script>alert(1)</script> Ich schaue nach' }),
  msg({ kind: 'note', author: { kind: 'operator', id: 'op_1', name: 'Ana' }, text: 'INTERNAL: customer owes money' }),
  msg({ kind: 'system', author: { kind: 'system' }, event: { type: 'escalation', escalationId: 'e_1', state: 'failed', operator: null, reason: 'Department ID not found' } }),
  msg({ kind: 'system', author: { kind: 'system' }, event: { type: 'closed', by: 'idle', operator: null } }),
];

describe('transcripts', () => {
  it('writes one line per message with UTC time, role and name, in the reader’s language, without notes', () => {
    const text = renderTranscriptText({ conversation, messages, language: 'de' });
    const body = text.split('\n').filter((l) => l.startsWith('2026-'));
    expect(body).toEqual([
      '2026-12-02 09:00:01 UTC  Besucher: Mein Server 203.0.113.7 ist down ⏎ seit 8 Uhr',
      '2026-12-02 09:00:02 UTC  System: Ana <b> ist dem Chat beigetreten',
      '2026-12-02 09:00:03 UTC  Operator (Ana <b>): <script>alert(1)</script> Ich schaue nach',
      '2026-12-02 09:00:06 UTC  System: Der Chat wurde beendet, nachdem der Besucher gegangen war',
    ]);
    expect(text).not.toContain('INTERNAL');
    expect(text).not.toContain('Department ID');
  });

  it('shows staff the escalation events, worded, and still never a note', () => {
    const text = renderTranscriptText({ conversation, messages, language: 'fr', audience: 'staff' });
    expect(text).toContain('Système: Le ticket d’assistance n’a pas pu être créé\u202f: Department ID not found');
    expect(text).not.toContain('INTERNAL');
  });

  it('escapes every text in HTML and embeds nothing that runs or loads', () => {
    const html = renderTranscriptHtml({ conversation, messages, language: 'en' });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ich schaue nach');
    expect(html).toContain('Operator · Ana &lt;b&gt;');
    expect(html).toContain('Ana &lt;b&gt; joined the chat');
    expect(html).not.toMatch(/<script|<link|src=|href=|INTERNAL/i);
  });

  it('has the same keys in every language', () => {
    const dir = fileURLToPath(new URL('../../../locales/', import.meta.url));
    const keys = (lang: string) => {
      const flat = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v as object, `${p}${k}.`) : [`${p}${k}`]));
      return flat(JSON.parse(readFileSync(`${dir}${lang}/transcript.json`, 'utf8')) as object).sort();
    };
    expect(readdirSync(dir).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) expect(keys(lang), lang).toEqual(keys('en'));
  });

  it('keeps French typography: a narrow no-break space before : ; ? ! and ’ for apostrophes', () => {
    const dir = fileURLToPath(new URL('../../../locales/fr/transcript.json', import.meta.url));
    const texts = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? texts(v as object) : [String(v)]));
    for (const text of texts(JSON.parse(readFileSync(dir, 'utf8')) as object)) {
      expect(text).not.toMatch(/[ \u00a0][:;?!]/);
      expect(text).not.toContain("'");
    }
  });
});
