import type { Conversation, Message } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { mayReceiveTranscript } from './transcript-recipient.js';

const conversation = (email: string | null) => ({ visitor: { email } }) as Pick<Conversation, 'visitor'>;
const text = (author: 'visitor' | 'operator', body: string) => ({ kind: 'text', author: author === 'visitor' ? { kind: 'visitor' } : { kind: 'operator', id: 'op_1', name: 'Ana' }, text: body }) as Message;

describe('mayReceiveTranscript: only an address the visitor gave in the conversation', () => {
  it('takes the pre-chat or identify() address, from the conversation or the visitor now, without case', () => {
    expect(mayReceiveTranscript('Ana@Example.com ', { conversation: conversation('ana@example.com'), messages: [], visitor: { email: null } })).toBe(true);
    expect(mayReceiveTranscript('ana@example.com', { conversation: conversation(null), messages: [], visitor: { email: 'ANA@example.com' } })).toBe(true);
    expect(mayReceiveTranscript('victim@example.net', { conversation: conversation('ana@example.com'), messages: [], visitor: { email: 'ana@example.com' } })).toBe(false);
  });

  it('takes an address the visitor wrote in one of their messages, never one an operator wrote', () => {
    const messages = [text('visitor', 'Write to me at ivo.horvat@example.hr.'), text('operator', 'Or we use billing@introserv.com?')];
    const sources = { conversation: conversation(null), messages, visitor: { email: null } };
    expect(mayReceiveTranscript('ivo.horvat@example.hr', sources)).toBe(true);
    expect(mayReceiveTranscript('billing@introserv.com', sources)).toBe(false);
    expect(mayReceiveTranscript('horvat@example.hr', sources)).toBe(false);
  });
});
