import type { Message } from '@introserv/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { helloPayload, nextEvent, startTestApp, type TestApp } from '../testing/test-app.js';

describe('a visitor message reaches everyone in the conversation but its sender', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores());
  });
  afterAll(() => t.close());

  it('goes to the visitor’s other tab, not back to the tab that sent it (its ack has it)', async () => {
    const tab1 = t.visitor();
    const hello = await tab1.emitWithAck('hello', helloPayload());
    if (!hello.ok) throw new Error('hello failed');
    expect((await tab1.emitWithAck('message:send', { id: 'echo-msg-0001', text: 'first' })).ok).toBe(true);
    const tab2 = t.visitor();
    expect((await tab2.emitWithAck('hello', helloPayload({ visitorToken: hello.visitorToken }))).ok).toBe(true);

    const echoes: Message[] = [];
    tab1.on('message:created', (m) => echoes.push(m));
    const otherTab = nextEvent<Message>(tab2, 'message:created', 3_000, (m) => m.id === 'echo-msg-0002');
    const sent = await tab1.emitWithAck('message:send', { id: 'echo-msg-0002', text: 'second' });
    expect(sent.ok && sent.message.text).toBe('second');
    expect((await otherTab).text).toBe('second');
    // Anything for tab 1 would have come before the other tab's copy had (same broadcast).
    await new Promise((r) => setTimeout(r, 50));
    expect(echoes).toEqual([]);
  });
});
