import { unisolate } from '@introserv/shared/client';
import type { SystemEvent } from '@introserv/shared/client';
import { describe, expect, it } from 'vitest';
import { createTranslate } from '../i18n/i18n.js';
import { systemText } from './system-text.js';

const ana = { id: 'op_1', name: 'Ana' };

describe('systemText', () => {
  it('words every event type for the visitor', async () => {
    const t = await createTranslate('en');
    const cases: [SystemEvent, string][] = [
      [{ type: 'assigned', operator: ana }, 'Ana joined the chat'],
      [{ type: 'assigned', operator: { id: 'op_1', name: '' } }, 'An operator joined the chat'],
      [{ type: 'requeued', reason: 'operator-offline' }, 'The operator had to leave. The next free operator will answer you.'],
      [{ type: 'transferred', from: ana, to: { id: 'op_2', name: 'Ivo' }, department: null }, 'Your chat was passed to Ivo'],
      [{ type: 'transferred', from: ana, to: null, department: 'billing' }, 'Your chat was passed to a colleague'],
      [{ type: 'closed', by: 'operator', operator: ana }, 'The operator ended the chat'],
      [{ type: 'closed', by: 'visitor', operator: null }, 'You ended the chat'],
      [{ type: 'closed', by: 'idle', operator: null }, 'The chat ended after a period of inactivity'],
      [{ type: 'reopened', operator: ana }, 'The chat was reopened'],
      [
        { type: 'ticket-created', ticket: { number: '#123456', url: null }, requester: 'client' },
        'Support ticket #123456 was created in your Client Area. The first answer comes within 10 minutes; follow it there.',
      ],
      [{ type: 'ticket-created', ticket: { number: '#123457', url: null }, requester: 'guest' }, 'Support ticket #123457 was created. The first answer comes within 10 minutes, by e-mail.'],
    ];
    for (const [event, text] of cases) expect(unisolate(systemText(event, t)), event.type).toBe(text);
  });

  it('speaks the visitor’s language, with the seed’s terms', async () => {
    const de = await createTranslate('de');
    expect(unisolate(systemText({ type: 'ticket-created', ticket: { number: '#123456', url: null }, requester: 'client' }, de))).toBe(
      'Support-Ticket #123456 wurde in Ihrem Kundenbereich erstellt. Die erste Antwort kommt innerhalb von 10 Minuten; verfolgen Sie es dort.',
    );
    const tr = await createTranslate('tr');
    expect(systemText({ type: 'closed', by: 'idle', operator: null }, tr)).toBe('Sohbet, bir süre hareketsiz kaldığı için sona erdi');
  });

  it('gives an event from a newer server, or none at all, a generic line and never its data', async () => {
    const t = await createTranslate('fr');
    const future = { type: 'escalated', secret: 'internal-note' } as unknown as SystemEvent;
    expect(systemText(future, t)).toBe('Le chat a été mis à jour');
    expect(systemText(undefined, t)).toBe('Le chat a été mis à jour');
  });
});
