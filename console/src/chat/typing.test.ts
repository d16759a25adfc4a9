import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperatorChannel } from '../realtime/channel.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { message } from '../testing/fixtures.js';
import { TypingRelay } from './typing.js';

function setup() {
  const socket = new FakeSocket();
  const requests: unknown[][] = [];
  let now = 1_700_000_000_000;
  const channel = { socket: socket.asSocket(), request: vi.fn(async (event: string, payload: unknown) => (requests.push([event, payload]), { ok: true })) } as unknown as OperatorChannel;
  const relay = new TypingRelay(channel, () => now);
  const stop = relay.start();
  return { socket, relay, requests, stop, advance: (ms: number) => ((now += ms), vi.advanceTimersByTime(ms)) };
}

describe('TypingRelay', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps each visitor’s live draft until they send it, stop, or it fades', () => {
    vi.useFakeTimers();
    const { socket, relay, advance } = setup();
    socket.fire('typing:updated', { conversationId: 'c1', typing: true, text: 'My server at 185.10' });
    expect(relay.drafts.value.c1?.text).toBe('My server at 185.10');
    socket.fire('message:created', message('c1', '1700000000001-0', { text: 'My server at 185.10.1.1 is down' }));
    expect(relay.drafts.value.c1).toBeUndefined();
    socket.fire('typing:updated', { conversationId: 'c2', typing: true, text: 'hello' });
    socket.fire('typing:updated', { conversationId: 'c3', typing: true, text: 'bye' });
    socket.fire('typing:updated', { conversationId: 'c3', typing: false, text: '' });
    expect(relay.drafts.value.c3).toBeUndefined();
    advance(6_000);
    expect(relay.drafts.value.c2).toBeUndefined();
  });

  it('tells the visitor the operator is typing at most once a second, and that they stopped', () => {
    vi.useFakeTimers();
    const { relay, requests, advance } = setup();
    relay.draft('c1', 'H');
    relay.draft('c1', 'He');
    advance(500);
    relay.draft('c1', 'Hel');
    expect(requests).toEqual([['typing:set', { conversationId: 'c1', typing: true }]]);
    advance(600);
    relay.draft('c1', 'Hell');
    expect(requests).toHaveLength(2);
    relay.draft('c1', '   ');
    expect(requests.at(-1)).toEqual(['typing:set', { conversationId: 'c1', typing: false }]);
    relay.draft('c1', 'Back');
    advance(3_000);
    expect(requests.at(-1)).toEqual(['typing:set', { conversationId: 'c1', typing: false }]);
    relay.draft('c1', 'one');
    relay.draft('c2', 'two');
    expect(requests.slice(-2)).toEqual([
      ['typing:set', { conversationId: 'c1', typing: false }],
      ['typing:set', { conversationId: 'c2', typing: true }],
    ]);
  });
});
