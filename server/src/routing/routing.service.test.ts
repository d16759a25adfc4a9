import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '@introserv/shared';
import { createLogger } from '../logger.js';
import { createMemoryStores } from '../stores.js';
import { openConversation, saveOperator } from '../testing/store-fixtures.js';
import type { OperatorRecord } from '../operators/operator.store.js';
import { RoutingService } from './routing.service.js';
import type { Routed } from './routing.store.js';

/** Routing as the server runs it, on the memory stores, with a clock the test moves. */
function setup(fallbackMs = 60_000) {
  const stores = createMemoryStores();
  const clock = { now: 1_700_000_000_000 };
  const routing = new RoutingService(stores, createLogger('silent'), { graceMs: 0, leaseMs: 15_000, defaultCapacity: 2, fallbackMs }, () => clock.now);
  const assigned: Routed[] = [];
  const requeued: Routed[] = [];
  routing.listen({ assigned: (r) => assigned.push(r), requeued: (r) => requeued.push(r) });
  const online = async (over: Partial<OperatorRecord> = {}) => {
    const op = await saveOperator(stores, over);
    await routing.operatorConnected(op.id);
    return op;
  };
  const chat = (over: Partial<Pick<Conversation, 'department' | 'language'>> = {}) => openConversation(stores, { now: ++clock.now, ...over });
  const holder = async (c: Conversation) => (await stores.conversations.get(c.id))?.operator?.id ?? null;
  return { stores, clock, routing, assigned, requeued, online, chat, holder };
}

describe('RoutingService', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fills operators by load up to their capacity and keeps the rest waiting', async () => {
    const { routing, online, chat, stores } = setup();
    const ana = await online({ capacity: 1 });
    const bo = await online({ capacity: 2 });
    const chats = [await chat(), await chat(), await chat(), await chat()];
    expect(await routing.drain()).toBe(3);
    expect([await stores.routing.load(ana.id), await stores.routing.load(bo.id)]).toEqual([1, 2]);
    expect((await stores.conversations.get(chats[3]!.id))?.status).toBe('queued');
  });

  it('routes by department and language, and every department’s queue is drained', async () => {
    const { routing, online, chat, holder } = setup();
    const finance = await online({ departments: ['financial'], languages: ['ru', 'en'] });
    const tech = await online({ departments: ['technical'], languages: ['tr'] });
    const invoice = await chat({ department: 'financial', language: 'ru' });
    const outage = await chat({ department: 'technical', language: 'tr' });
    const german = await chat({ department: 'technical', language: 'de' });
    await routing.drain();
    expect([await holder(invoice), await holder(outage), await holder(german)]).toEqual([finance.id, tech.id, null]);
  });

  it('after the fallback time gives a chat nobody matches to any available operator', async () => {
    const { routing, online, chat, holder, clock } = setup(30_000);
    const de = await online({ languages: ['de'] });
    const french = await chat({ language: 'fr' });
    clock.now += 29_999;
    await routing.drain();
    expect(await holder(french)).toBeNull();
    clock.now += 1;
    await routing.drain();
    expect(await holder(french)).toBe(de.id);
  });

  it('drains by itself when the fallback time has passed after a chat was queued', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const stores = createMemoryStores();
    const routing = new RoutingService(stores, createLogger('silent'), { graceMs: 0, leaseMs: 15_000, defaultCapacity: 2, fallbackMs: 10_000 });
    const de = await saveOperator(stores, { languages: ['de'] });
    await routing.operatorConnected(de.id);
    const hr = await openConversation(stores, { language: 'hr', now: Date.now() });
    routing.scheduleFallback(hr.department);
    await vi.advanceTimersByTimeAsync(9_000);
    expect((await stores.conversations.get(hr.id))?.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(1_100);
    expect((await stores.conversations.get(hr.id))?.operator?.id).toBe(de.id);
    routing.close();
  });

  it('gives nothing new to an operator who is away, and the waiting chats when they are back online', async () => {
    const { routing, online, chat, holder } = setup();
    const ana = await online();
    await routing.setStatus(ana.id, 'away');
    const waiting = await chat();
    await routing.drain();
    expect(await holder(waiting)).toBeNull();
    await routing.setStatus(ana.id, 'online');
    expect(await holder(waiting)).toBe(ana.id);
  });

  it('hands a lost operator’s chats to a colleague who serves them, with a requeued event, at once on a deliberate leave', async () => {
    const { routing, online, chat, holder, requeued, stores } = setup();
    const ana = await online({ departments: ['technical'] });
    const c = await chat({ department: 'technical' });
    await routing.drain();
    const bo = await online({ departments: ['technical'] });
    const cleo = await online({ departments: ['financial'] });
    expect(await holder(c)).toBe(ana.id);
    await routing.operatorDisconnected(ana.id, true);
    expect(requeued.map((r) => r.message.event)).toEqual([{ type: 'requeued', reason: 'operator-left' }]);
    expect(await holder(c)).toBe(bo.id);
    expect(await stores.routing.load(cleo.id)).toBe(0);
  });

  it('takes everything from a disabled operator and routes it on', async () => {
    const { routing, online, chat, holder, requeued, stores } = setup();
    const ana = await online();
    const c = await chat();
    await routing.drain();
    const bo = await online();
    await stores.operators.save({ ...(await stores.operators.get(ana.id))!, disabled: true });
    await routing.operatorDisabled(ana.id);
    expect(requeued.at(-1)?.message.event).toEqual({ type: 'requeued', reason: 'operator-disabled' });
    expect(await holder(c)).toBe(bo.id);
  });

  it('routes a chat transferred to a department to someone there, not back to who sent it', async () => {
    const { routing, online, chat, holder, stores, clock } = setup();
    const generalist = await online();
    const c = await chat();
    await routing.drain();
    expect(await holder(c)).toBe(generalist.id);
    const moved = await stores.routing.transfer(c.id, { now: clock.now, eventId: 'sys-transfer-1', to: { type: 'department', department: 'financial' }, by: { operatorId: generalist.id, admin: false } });
    expect(moved.ok).toBe(true);
    await routing.drain(['financial']);
    expect(await holder(c)).toBeNull();
    const finance = await online({ departments: ['financial'] });
    expect(await holder(c)).toBe(finance.id);
  });

  it('does not give anything to an operator who switched auto-assignment off, and does when it is back on', async () => {
    const { routing, online, chat, holder, stores } = setup();
    const ana = await online({ autoAssign: false });
    const c = await chat();
    await routing.drain();
    expect(await holder(c)).toBeNull();
    await stores.operators.save({ ...(await stores.operators.get(ana.id))!, autoAssign: true });
    await routing.operatorChanged();
    expect(await holder(c)).toBe(ana.id);
  });
});
