import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperatorChannel } from '../realtime/channel.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { message } from '../testing/fixtures.js';
import { ReceiptReporter } from './receipts.js';

describe('ReceiptReporter', () => {
  afterEach(() => vi.useRealTimers());

  it('reports what reached this console and what the operator saw, for their own chats only, forward only and batched', () => {
    vi.useFakeTimers();
    const socket = new FakeSocket();
    const requests: unknown[] = [];
    const channel = { socket: socket.asSocket(), request: vi.fn(async (_e: string, p: unknown) => (requests.push(p), { ok: true })) } as unknown as OperatorChannel;
    const receipts = new ReceiptReporter(channel, (id) => id === 'mine');
    receipts.start();

    socket.fire('message:created', message('mine', '1700000000001-0'));
    socket.fire('message:created', message('mine', '1700000000002-0'));
    socket.fire('message:created', message('theirs', '1700000000003-0'));
    socket.fire('message:created', message('mine', '1700000000004-0', { author: { kind: 'operator', id: 'op_1' } }));
    vi.advanceTimersByTime(300);
    expect(requests).toEqual([{ conversationId: 'mine', delivered: '1700000000002-0' }]);

    const history = [message('mine', '1700000000001-0'), message('mine', '1700000000002-0'), message('mine', '1700000000004-0', { author: { kind: 'operator', id: 'op_1' } })];
    receipts.seen('mine', history);
    receipts.seen('theirs', [message('theirs', '1700000000003-0')]);
    vi.advanceTimersByTime(300);
    expect(requests.at(-1)).toEqual({ conversationId: 'mine', read: '1700000000002-0' });
    receipts.seen('mine', history);
    socket.fire('message:created', message('mine', '1700000000001-0'));
    vi.advanceTimersByTime(300);
    expect(requests).toHaveLength(2);
  });
});
