import { describe, expect, it, vi } from 'vitest';
import type { ChatApi } from '../embed.js';
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

function recordingChat(calls: string[]): ChatApi {
  return { open: () => calls.push('open'), close: () => calls.push('close'), toggle: () => calls.push('toggle') };
}

describe('createQueuedApi', () => {
  it('loads on the first open and replays the queued calls in order', async () => {
    const chunk = deferred<ChatApi>();
    const load = vi.fn(() => chunk.promise);
    const { api } = createQueuedApi(load);
    api.open();
    api.close();
    api.toggle();
    expect(load).toHaveBeenCalledTimes(1);

    const calls: string[] = [];
    chunk.resolve(recordingChat(calls));
    await chunk.promise;
    await Promise.resolve();
    expect(calls).toEqual(['open', 'close', 'toggle']);

    api.close();
    expect(calls).toEqual(['open', 'close', 'toggle', 'close']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not load the chunk for a lone close', () => {
    const load = vi.fn(() => new Promise<ChatApi>(() => {}));
    createQueuedApi(load).api.close();
    expect(load).not.toHaveBeenCalled();
  });

  it('drops the queue when the load fails and tries again on the next call', async () => {
    const first = deferred<ChatApi>();
    const second = deferred<ChatApi>();
    const load = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const { api } = createQueuedApi(load);
    api.open();
    first.reject(new Error('offline'));
    await first.promise.catch(() => {});
    await Promise.resolve();

    api.toggle();
    expect(load).toHaveBeenCalledTimes(2);
    const calls: string[] = [];
    second.resolve(recordingChat(calls));
    await second.promise;
    await Promise.resolve();
    expect(calls).toEqual(['toggle']);
  });

  it('preload loads without queueing anything', async () => {
    const calls: string[] = [];
    const load = vi.fn(async () => recordingChat(calls));
    const { api, preload } = createQueuedApi(load);
    preload();
    preload();
    await Promise.resolve();
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
    api.open();
    expect(calls).toEqual(['open']);
  });
});
