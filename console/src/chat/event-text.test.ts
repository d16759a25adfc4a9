import { unisolate } from '@introserv/shared/client';
import type { SystemEvent } from '@introserv/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage, translate } from '../i18n/i18n.js';
import { eventText } from './event-text.js';

const ana = { id: 'op_ana', name: 'Ana' };
const ivo = { id: 'op_ivo', name: 'Ivo' };

beforeAll(async () => {
  await initI18n('en');
});
afterAll(async () => {
  await setLanguage('en', null);
});

describe('eventText', () => {
  it('words every event type for the operator, with the details they work with', () => {
    const cases: [SystemEvent, string][] = [
      [{ type: 'assigned', operator: ana }, 'Assigned to Ana'],
      [{ type: 'requeued', reason: 'operator-left' }, 'Back in the queue: the operator left'],
      [{ type: 'requeued', reason: 'operator-offline' }, 'Back in the queue: the operator went offline'],
      [{ type: 'requeued', reason: 'operator-disabled' }, 'Back in the queue: the operator’s account was disabled'],
      [{ type: 'transferred', from: ana, to: ivo, department: null }, 'Transferred: Ana → Ivo'],
      [{ type: 'transferred', from: null, to: ivo, department: null }, 'Transferred to Ivo'],
      [{ type: 'transferred', from: ana, to: null, department: 'Financial issues' }, 'Transferred to the Financial issues queue'],
      [{ type: 'transferred', from: ana, to: null, department: null }, 'Sent back to the queue'],
      [{ type: 'closed', by: 'operator', operator: ana }, 'Closed by Ana'],
      [{ type: 'closed', by: 'operator', operator: null }, 'Closed by an operator'],
      [{ type: 'closed', by: 'visitor', operator: null }, 'The visitor ended the chat'],
      [{ type: 'closed', by: 'idle', operator: null }, 'Closed automatically: the visitor was away too long'],
      [{ type: 'reopened', operator: ana }, 'Reopened by Ana'],
      [{ type: 'reopened', operator: null }, 'Reopened'],
      [{ type: 'ticket-created', ticket: { number: '#123456', url: null }, requester: 'client' }, 'Ticket #123456 created in the visitor’s Client Area'],
      [{ type: 'ticket-created', ticket: { number: '#123457', url: null }, requester: 'guest' }, 'Ticket #123457 created for a guest (name and e-mail)'],
    ];
    for (const [event, text] of cases) expect(unisolate(eventText(event, translate)), JSON.stringify(event)).toBe(text);
  });

  it('speaks the console’s language, not the visitor’s', async () => {
    await setLanguage('ru', null);
    expect(eventText({ type: 'closed', by: 'idle', operator: null }, translate)).toBe('Закрыт автоматически: посетитель долго отсутствовал');
    await setLanguage('fr', null);
    expect(unisolate(eventText({ type: 'transferred', from: ana, to: ivo, department: null }, translate))).toBe('Transférée\u202f: Ana → Ivo');
    await setLanguage('en', null);
  });

  it('gives an unknown or missing event a generic line, never its data', () => {
    expect(eventText({ type: 'escalated', secret: 'x' } as unknown as SystemEvent, translate)).toBe('Conversation event');
    expect(eventText(undefined, translate)).toBe('Conversation event');
  });
});
