import { afterEach, describe, expect, it, vi } from 'vitest';
import { TIMING } from '../timing.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import type { Reply } from './request.js';

interface Entry extends OutboxEntry {
  text: string;
}

const KEY = 'introserv-chat:introserv:outbox';
const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && typeof (v as Entry).id === 'string' && typeof (v as Entry).text === 'string' && typeof (v as Entry).createdAt === 'number';
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

/** An outbox whose sends the test answers by hand. */
function setup(opts: { storage?: ReturnType<typeof memoryStorage>; connected?: boolean; persistFailed?: boolean } = {}) {
  const sent: { entry: Entry; answer: (reply: Reply<{ stored: string }>) => void }[] = [];
  const delivered: string[] = [];
  let connected = opts.connected ?? true;
  const outbox = new Outbox<Entry, { stored: string }>({
    send: (entry) => new Promise((answer) => sent.push({ entry, answer })),
    isConnected: () => connected,
    onDelivered: (res, entry) => delivered.push(`${entry.id}:${res.stored}`),
    isEntry,
    storage: opts.storage ?? null,
    storageKey: KEY,
    persistFailed: opts.persistFailed ?? false,
    // The top of each backoff window, so a test knows the exact delay.
    random: () => 1,
  });
  return { outbox, sent, delivered, setConnected: (c: boolean) => (connected = c) };
}

const states = (outbox: { pending: Outbox<Entry>['pending'] }) => outbox.pending.value.map((p) => `${p.text}:${p.state}`);

afterEach(() => vi.useRealTimers());

describe('Outbox: storage', () => {
  it('persists entries so that a new page load sees them in order, as waiting', () => {
    const storage = memoryStorage();
    const { outbox } = setup({ storage, connected: false });
    outbox.add({ id: 'aaaaaaaa-1', text: 'first', createdAt: 1 });
    outbox.add({ id: 'aaaaaaaa-2', text: 'second', createdAt: 2 });

    const reloaded = setup({ storage, connected: false }).outbox;
    expect(reloaded.pending.value.map((e) => e.text)).toEqual(['first', 'second']);
    expect(JSON.parse(storage.map.get(KEY) ?? '[]')).toEqual([
      { id: 'aaaaaaaa-1', text: 'first', createdAt: 1 },
      { id: 'aaaaaaaa-2', text: 'second', createdAt: 2 },
    ]);
  });

  it('adds an id only once', () => {
    const { outbox } = setup({ connected: false });
    outbox.add({ id: 'aaaaaaaa-1', text: 'first', createdAt: 1 });
    outbox.add({ id: 'aaaaaaaa-1', text: 'first again', createdAt: 2 });
    expect(outbox.pending.value).toEqual([{ id: 'aaaaaaaa-1', text: 'first', createdAt: 1, state: 'waiting' }]);
  });

  it('removes a delivered entry from memory and storage, and clears the key when empty', () => {
    const storage = memoryStorage();
    const { outbox } = setup({ storage, connected: false });
    outbox.add({ id: 'aaaaaaaa-1', text: 'first', createdAt: 1 });
    outbox.add({ id: 'aaaaaaaa-2', text: 'second', createdAt: 2 });
    outbox.delivered('aaaaaaaa-1');
    expect(setup({ storage }).outbox.pending.value.map((e) => e.id)).toEqual(['aaaaaaaa-2']);
    outbox.delivered('aaaaaaaa-2');
    expect(storage.map.has(KEY)).toBe(false);
    outbox.delivered('aaaaaaaa-2');
    expect(outbox.pending.value).toEqual([]);
  });

  it('ignores corrupted or foreign storage content', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, '{not json');
    expect(setup({ storage }).outbox.pending.value).toEqual([]);
    storage.setItem(KEY, JSON.stringify([{ id: 'ok-000001', text: 'kept', createdAt: 1 }, { id: 5 }, 'x']));
    expect(setup({ storage, connected: false }).outbox.pending.value.map((e) => e.text)).toEqual(['kept']);
  });

  it('keeps a failed entry for this page only, unless told to keep failures', async () => {
    for (const persistFailed of [false, true]) {
      const storage = memoryStorage();
      const { outbox, sent } = setup({ storage, persistFailed });
      outbox.add({ id: 'aaaaaaaa-1', text: 'bad', createdAt: 1 });
      sent[0]?.answer({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'no' } });
      await settle();
      expect(states(outbox)).toEqual(['bad:failed']);
      expect(states(setup({ storage, connected: false, persistFailed }).outbox)).toEqual(persistFailed ? ['bad:failed'] : []);
    }
  });

  it('survives storage that throws', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); }, removeItem: () => {} };
    const { outbox } = setup({ storage: throwing as unknown as ReturnType<typeof memoryStorage>, connected: false });
    outbox.add({ id: 'aaaaaaaa-1', text: 'still here', createdAt: 1 });
    expect(states(outbox)).toEqual(['still here:waiting']);
  });
});

describe('Outbox: sending', () => {
  it('sends at once when connected, and forgets the entry on a good ack', async () => {
    const { outbox, sent, delivered } = setup();
    outbox.add({ id: 'a-1', text: 'hello', createdAt: 1 });
    expect(sent.map((s) => s.entry)).toEqual([{ id: 'a-1', text: 'hello', createdAt: 1 }]);
    expect(states(outbox)).toEqual(['hello:sending']);
    sent[0]?.answer({ ok: true, stored: 'x' });
    await settle();
    expect(outbox.pending.value).toEqual([]);
    expect(delivered).toEqual(['a-1:x']);
  });

  it('holds entries while offline and sends them, in order, on flush; never twice while one is on its way', () => {
    const { outbox, sent, setConnected } = setup({ connected: false });
    outbox.add({ id: 'a-1', text: 'one', createdAt: 1 });
    outbox.add({ id: 'a-2', text: 'two', createdAt: 2 });
    outbox.flush();
    expect(sent).toHaveLength(0);
    setConnected(true);
    outbox.flush();
    outbox.flush();
    expect(sent.map((s) => s.entry.text)).toEqual(['one', 'two']);
  });

  it('marks an entry failed on an error that cannot heal, and sends it again only on retry', async () => {
    const { outbox, sent } = setup();
    outbox.add({ id: 'a-1', text: 'late', createdAt: 1 });
    sent[0]?.answer({ ok: false, error: { code: 'CONVERSATION_CLOSED', message: 'closed' } });
    await settle();
    expect(outbox.pending.value[0]).toMatchObject({ state: 'failed', error: { code: 'CONVERSATION_CLOSED' } });
    outbox.flush();
    expect(sent).toHaveLength(1);
    outbox.retry('a-1');
    expect(sent.map((s) => s.entry.id)).toEqual(['a-1', 'a-1']);
  });

  it('retries an error that may heal while connected, backing off exponentially, and resets after a success', async () => {
    vi.useFakeTimers();
    const { outbox, sent } = setup();
    outbox.add({ id: 'a-1', text: 'slow', createdAt: 1 });
    sent[0]?.answer({ ok: false, error: { code: 'TIMEOUT', message: 'no ack' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.pending.value[0]).toMatchObject({ state: 'waiting', error: { code: 'TIMEOUT' } });
    await vi.advanceTimersByTimeAsync(TIMING.retryBaseMs - 1);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);

    sent[1]?.answer({ ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'down' } });
    await vi.advanceTimersByTimeAsync(2 * TIMING.retryBaseMs - 1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(3);
    outbox.dispose();
  });

  it('after requeue (a drop, a new hello), resends what was on its way and ignores the late reply to the old send', async () => {
    const { outbox, sent, delivered } = setup();
    outbox.add({ id: 'a-1', text: 'x', createdAt: 1 });
    outbox.requeue();
    expect(states(outbox)).toEqual(['x:waiting']);
    outbox.flush();
    expect(sent).toHaveLength(2);
    sent[0]?.answer({ ok: true, stored: 'old' });
    await settle();
    expect(states(outbox)).toEqual(['x:sending']);
    sent[1]?.answer({ ok: true, stored: 'new' });
    await settle();
    expect(delivered).toEqual(['a-1:new']);
  });

  it('settles an entry when the fact beats the ack; the ack then changes nothing', async () => {
    const { outbox, sent, delivered } = setup();
    outbox.add({ id: 'a-1', text: 'race', createdAt: 1 });
    outbox.delivered('a-1');
    sent[0]?.answer({ ok: true, stored: 'x' });
    await settle();
    expect(outbox.pending.value).toEqual([]);
    expect(delivered).toEqual([]);
  });
});
