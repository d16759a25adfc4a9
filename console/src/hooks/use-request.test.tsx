import { renderHook, waitFor } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { toConsoleError } from './to-console-error.js';
import { useLoad, useRequest } from './use-request.js';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('toConsoleError', () => {
  it('keeps the API client’s code, message and field issues, and reads anything else as NETWORK', () => {
    const issues = [{ path: 'email', message: 'taken' }];
    expect(toConsoleError(new ApiError(409, 'EMAIL_TAKEN', 'taken', issues))).toEqual({ code: 'EMAIL_TAKEN', message: 'taken', issues });
    expect(toConsoleError(new ApiError(0, 'NETWORK', 'failed to fetch'))).toEqual({ code: 'NETWORK', message: 'failed to fetch' });
    expect(toConsoleError(new TypeError('boom'))).toEqual({ code: 'NETWORK', message: 'TypeError: boom' });
  });
});

describe('useRequest', () => {
  it('is busy while a call runs, returns its value, and shows its failure until the next call starts', async () => {
    const { result } = renderHook(() => useRequest());
    const call = deferred<string>();
    let pending!: Promise<unknown>;
    void act(() => {
      pending = result.current.run(() => call.promise);
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      call.resolve('done');
      expect(await pending).toEqual({ ok: true, value: 'done' });
    });
    expect(result.current.busy).toBe(false);

    await act(async () => {
      expect(await result.current.run(() => Promise.reject(new ApiError(403, 'FORBIDDEN', 'admins only')))).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'admins only' } });
    });
    expect(result.current.error?.code).toBe('FORBIDDEN');

    const next = deferred<undefined>();
    void act(() => {
      void result.current.run(() => next.promise);
    });
    expect(result.current.error).toBeNull();
    await act(async () => next.resolve(undefined));
  });

  it('leaves a failure the caller handles its own way out of the error', async () => {
    const { result } = renderHook(() => useRequest());
    await act(async () => {
      const res = await result.current.run(() => Promise.reject(new ApiError(409, 'ESCALATION_EXISTS', 'exists')), { handled: (e) => e.code === 'ESCALATION_EXISTS' });
      expect(res).toMatchObject({ ok: false, error: { code: 'ESCALATION_EXISTS' } });
    });
    expect(result.current.error).toBeNull();
  });

  it('changes nothing once the component is gone', async () => {
    const { result, unmount } = renderHook(() => useRequest());
    const call = deferred<undefined>();
    let pending!: Promise<unknown>;
    void act(() => {
      pending = result.current.run(() => call.promise);
    });
    unmount();
    call.reject(new Error('late'));
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });
});

describe('useLoad', () => {
  it('loads on show and when its inputs change, drops an answer to an older request, and reloads on demand', async () => {
    const calls: { days: number; d: ReturnType<typeof deferred<string>> }[] = [];
    const { result, rerender } = renderHook(({ days }: { days: number }) =>
      useLoad(() => {
        const d = deferred<string>();
        calls.push({ days, d });
        return d.promise;
      }, [days]),
      { initialProps: { days: 7 } },
    );
    expect(result.current.data).toBeNull();
    rerender({ days: 30 });
    await act(async () => {
      calls[1]?.d.resolve('thirty');
      calls[0]?.d.resolve('seven, late');
    });
    expect(result.current.data).toBe('thirty');

    void act(() => result.current.reload());
    await act(async () => calls[2]?.d.reject(new ApiError(503, 'STORE_UNAVAILABLE', 'down')));
    await waitFor(() => expect(result.current.error?.code).toBe('STORE_UNAVAILABLE'));
    expect(result.current.data).toBe('thirty');
  });
});
