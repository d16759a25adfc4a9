import { describe, expect, it } from 'vitest';
import { newEscalation } from '../testing/escalation-fixtures.js';
import { composeBody, escapeMarkdown, renderBodyMarkdown, renderBodyText, startedAtText } from './ticket-body.js';

const draft = newEscalation().draft;

describe('the ticket body', () => {
  it('puts the incident first, then the visitor (saying the identity is unverified), then the conversation', () => {
    const text = renderBodyText(
      composeBody({
        draft: { ...draft, incident: { ...draft.incident, startedAt: { date: '2026-07-02', time: '08:15', timeZone: 'America/New_York' }, diagnostics: 'mtr: 100% loss\nat hop 7' } },
        marker: 'LC0123456789',
        conversation: '2026-12-02 09:00:01 UTC  Visitor: down',
        operatorName: 'Ana',
        missingFiles: ['log.txt'],
      }),
    );
    const order = ['== Incident ==', '== Visitor ==', '== Conversation ==', '== Live Chat reference =='].map((h) => text.indexOf(h));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBe(0);
    expect(text).toContain('Server IP address or order number: 203.0.113.7');
    expect(text).toContain('Service name (as shown in the Client Area): not given');
    expect(text).toContain('Problem started: 2026-07-02 08:15 (America/New_York) = 14:15 CEST');
    expect(text).toContain('Diagnostic data:\n    mtr: 100% loss\n    at hop 7');
    expect(text).toContain('Identity: not verified: guest (name and e-mail as given in the chat)');
    expect(text).toContain('LC0123456789\nEscalated from the Live Chat by operator Ana\nAttachments no longer available: log.txt');
  });

  it('names the day in CET when the visitor’s day differs', () => {
    expect(startedAtText({ date: '2026-12-02', time: '23:30', timeZone: 'America/Los_Angeles' })).toBe('2026-12-02 23:30 (America/Los_Angeles) = 2026-12-03 08:30 CET');
    expect(startedAtText({ date: '2026-12-02', time: '23:30', timeZone: 'Mars/Olympus' })).toBe('2026-12-02 23:30 (Mars/Olympus)');
  });

  it('escapes everything typed in Markdown and fences free text, whatever backticks it holds', () => {
    const md = renderBodyMarkdown(
      composeBody({
        draft: { ...draft, incident: { ...draft.incident, serverOrOrder: '**[click](javascript:x)**', diagnostics: 'see ```code``` here' } },
        marker: 'LC0123456789',
        conversation: null,
        operatorName: null,
        missingFiles: [],
      }),
    );
    expect(md).toContain(`- **Server IP address or order number:** ${escapeMarkdown('**[click](javascript:x)**')}`);
    expect(md).not.toContain('[click](javascript');
    expect(md).toContain('````text\nsee ```code``` here\n````');
    expect(md).toContain("Left with the Live Chat's leave\\-a\\-message form");
  });

  it('is worded in the visitor’s language', () => {
    const text = renderBodyText(composeBody({ draft: { ...draft, language: 'tr' }, marker: 'LC0123456789', conversation: null, operatorName: null, missingFiles: [] }));
    expect(text).toContain('Sunucu IP adresi veya Sipariş Numarası: 203.0.113.7');
    expect(text).toContain('Dil: Türkçe (tr)');
  });
});
