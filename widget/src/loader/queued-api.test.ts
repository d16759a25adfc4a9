import { describe, expect, it, vi } from 'vitest';
import type { ChatApi, PreloadStub } from '../embed.js';
import { createQueuedApi } from './queued-api.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A chat that records each call with its arguments. */
function recordingChat(calls: unknown[][]): ChatApi {
  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      calls.push([name, ...args]);
    };
  return { open: record('open'), close: record('close'), toggle: record('toggle'), setLanguage: record('setLanguage'), identify: record('identify'), on: record('on'), off: record('off') };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('createQueuedApi', () => {
  it('queues every method by name with its arguments, loads on the first open, and replays in order', async () => {
    const chunk = deferred<ChatApi>();
    const load = vi.fn(() => chunk.promise);
    const { api } = createQueuedApi({}, load);
    const onReady = () => {};
    api.on('ready', onReady);
    api.identify({ userId: '42', hash: 'h' });
    api.setLanguage('de');
    expect(load).not.toHaveBeenCalled();
    api.open();
    api.close();
    expect(load).toHaveBeenCalledTimes(1);

    const calls: unknown[][] = [];
    chunk.resolve(recordingChat(calls));
    await settle();
    expect(calls).toEqual([['on', 'ready', onReady], ['identify', { userId: '42', hash: 'h' }], ['setLanguage', 'de'], ['open'], ['close']]);

    api.toggle();
    expect(calls.at(-1)).toEqual(['toggle']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not load the chunk for calls that need no panel', () => {
    const load = vi.fn(() => new Promise<ChatApi>(() => {}));
    const { api } = createQueuedApi({}, load);
    api.close();
    api.identify({ userId: '1', hash: 'h' });
    api.on('unread', () => {});
    expect(load).not.toHaveBeenCalled();
  });

  it('takes over a pre-load stub: its calls come first, unknown ones are dropped, and the page’s reference stays good', async () => {
    // The documented stub records a function's `arguments` object, not an array.
    // eslint-disable-next-line prefer-rest-params -- an `arguments` object is exactly what is under test
    const args = (function (..._a: unknown[]) { return arguments; })();
    const stub: PreloadStub = { q: [['setLanguage', ['fr']], ['selfDestruct', []], ['open', args]] };
    const calls: unknown[][] = [];
    const load = vi.fn(async () => recordingChat(calls));
    const { api } = createQueuedApi(stub, load);
    expect(api).toBe(stub);
    expect(stub.q).toBeUndefined();
    expect(load).toHaveBeenCalledTimes(1); // the stub asked to open
    await settle();
    expect(calls).toEqual([['setLanguage', 'fr'], ['open']]);
    stub.close?.();
    expect(calls.at(-1)).toEqual(['close']);
  });

  it('drops the queue when the load fails and tries again on the next call', async () => {
    const first = deferred<ChatApi>();
    const second = deferred<ChatApi>();
    const load = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const { api } = createQueuedApi({}, load);
    api.open();
    first.reject(new Error('offline'));
    await first.promise.catch(() => {});
    await settle();

    api.toggle();
    expect(load).toHaveBeenCalledTimes(2);
    const calls: unknown[][] = [];
    second.resolve(recordingChat(calls));
    await settle();
    expect(calls).toEqual([['toggle']]);
  });

  it('preload loads without queueing anything', async () => {
    const calls: unknown[][] = [];
    const load = vi.fn(async () => recordingChat(calls));
    const { api, preload } = createQueuedApi({}, load);
    preload();
    preload();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
    api.open();
    expect(calls).toEqual([['open']]);
  });
});
