import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../connection/chat-state.js';
import { createTranslate } from '../i18n/i18n.js';
import { MessageList } from './MessageList.js';
import { systemText } from './system-text.js';

/** U+202E RIGHT-TO-LEFT OVERRIDE: reverses everything after it until the paragraph or an isolate ends. */
const RLO = '\u202e';

describe('bidi controls in user text', () => {
  it('are isolated in bubbles (names in <bdi>, text with its own direction) and in event lines', async () => {
    const t = await createTranslate('en');
    const message = {
      id: 'm1-00000000',
      conversationId: 'c1',
      cursor: '1-0',
      kind: 'text',
      author: { kind: 'operator', id: 'op', name: `Ana${RLO}` },
      text: `see ${RLO}gpj.exe`,
      createdAt: 1,
      status: 'sent',
    } as ChatMessage;
    const root = document.createElement('div');
    render(<MessageList messages={[message]} t={t} language="en" access={{ server: 'https://chat.example.com', token: async () => 'T' }} onRetry={() => {}} />, root);
    expect(root.querySelector('.author bdi')?.textContent).toBe(`Ana${RLO}`);
    expect(root.querySelector('.text')?.getAttribute('dir')).toBe('auto');
    expect(systemText({ type: 'assigned', operator: { id: 'op', name: `Ana${RLO}` } }, t)).toBe(`\u2068Ana${RLO}\u2069 joined the chat`);
  });
});
