import { describe, expect, it } from 'vitest';
import type { ChatState } from '../connection/chat-state.js';
import { createTranslate } from '../i18n/i18n.js';
import { statusText } from './Panel.js';

const assigned = (name: string | null): ChatState => ({
  connection: 'online',
  conversation: { id: 'conv_1', status: 'assigned', operator: name === null ? null : { name } },
  messages: [],
  unread: 0,
  operatorsOnline: true,
  identity: null,
  operatorTyping: null,
  queue: null,
  profile: null,
});

describe('statusText', () => {
  it('names the operator who joined, and has its own sentence when there is no name', async () => {
    const ru = await createTranslate('ru');
    expect(statusText(assigned('Ana'), ru)).toBe('Оператор \u2068Ana\u2069 в чате');
    expect(statusText(assigned(null), ru)).toBe('Оператор в чате');
    expect(statusText(assigned(''), ru)).toBe('Оператор в чате');
    const en = await createTranslate('en');
    expect(statusText(assigned(null), en)).toBe('An operator joined the chat');
  });
});
