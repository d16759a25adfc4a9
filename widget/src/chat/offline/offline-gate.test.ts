import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatState } from '../connection/chat-state.js';
import { leaveMessageOffer, visitorWords } from './offline-gate.js';

const T = 1_700_000_000_000;
const said = (text: string, at = T, status: ChatMessage['status'] = 'sent'): ChatMessage => ({ id: `m-${at}`, kind: 'text', author: { kind: 'visitor' }, text, createdAt: at, status });
const state = (over: Partial<ChatState>): ChatState => ({ connection: 'online', conversation: null, messages: [], unread: 0, operatorsOnline: true, identity: null, operatorTyping: null, queue: null, profile: null, ...over });

describe('when the widget offers to leave a message', () => {
  it('offers it when nobody is online, unless an operator already has the chat', () => {
    expect(leaveMessageOffer(state({ operatorsOnline: false }), null, T).reason).toBe('offline');
    expect(leaveMessageOffer(state({ operatorsOnline: false, conversation: { id: 'c1', status: 'assigned', operator: { name: 'Ana' } } }), null, T).reason).toBeNull();
    expect(leaveMessageOffer(state({ operatorsOnline: false, connection: 'connecting' }), null, T).reason).toBeNull();
    // Not known yet (no hello answered): no offer for that reason.
    expect(leaveMessageOffer(state({ operatorsOnline: null }), null, T).reason).toBeNull();
  });

  it('offers it once the chat has waited the site’s time since the first message, and says when to look again before', () => {
    const waiting = state({ conversation: { id: 'c1', status: 'queued', operator: null }, messages: [said('hello', T), said('anyone?', T + 5_000)] });
    expect(leaveMessageOffer(waiting, 120, T + 60_000)).toEqual({ reason: null, recheckAt: T + 120_000 });
    expect(leaveMessageOffer(waiting, 120, T + 120_000)).toEqual({ reason: 'waited', recheckAt: null });
    // Before the settings are known, or with nothing sent yet: no offer.
    expect(leaveMessageOffer(waiting, null, T + 999_000).reason).toBeNull();
    expect(leaveMessageOffer(state({ conversation: { id: 'c1', status: 'queued', operator: null }, messages: [said('x', T, 'pending')] }), 120, T + 999_000).reason).toBeNull();
  });

  it('starts the message from what the visitor wrote', () => {
    expect(visitorWords(state({ messages: [said('My VPS is down', T), { ...said('', T + 1), kind: 'system', author: { kind: 'system' } }, said('since 8:00', T + 2)] }))).toBe('My VPS is down\nsince 8:00');
  });
});
