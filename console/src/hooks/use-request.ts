import type { Inputs } from 'preact/hooks';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleError } from '../api/errors.js';
import { toConsoleError } from './to-console-error.js';

/** How a request went: its value, or the error the console shows for it. */
export type RequestResult<T> = { ok: true; value: T } | { ok: false; error: ConsoleError };

export interface RunOptions {
  /** Failures the caller shows its own way (field issues, a conflict it explains): not set as the error. */
  handled?: (error: ConsoleError) => boolean;
}

export interface Request {
  /**
   * Runs one call (a feature's `*-api.ts` function): busy while it runs, the error cleared
   * when it starts and set from whatever it threw. Never throws; after the component is gone
   * it changes nothing.
   */
  run: <T>(call: () => Promise<T>, options?: RunOptions) => Promise<RequestResult<T>>;
  /** Some call is running. */
  busy: boolean;
  /** The last call's failure, until the next call starts. */
  error: ConsoleError | null;
  /** Shows a failure found before any call (a check of the form), or clears it. */
  setError: (error: ConsoleError | null) => void;
}

/**
 * The state of a component's requests: one busy flag and one error for the calls it makes,
 * each error read through `toConsoleError`.
 *
 * @example
 * const save = useRequest();
 * const res = await save.run(() => team.updateProfile({ name }));
 * if (res.ok) setDone(true);
 * // {save.error && <p role="alert">{errorText(t, save.error.code)}</p>}
 */
export function useRequest(): Request {
  const [error, setError] = useState<ConsoleError | null>(null);
  const [running, setRunning] = useState(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(async <T,>(call: () => Promise<T>, options: RunOptions = {}): Promise<RequestResult<T>> => {
    setError(null);
    setRunning((n) => n + 1);
    try {
      return { ok: true, value: await call() };
    } catch (err) {
      const failure = toConsoleError(err);
      if (mounted.current && !options.handled?.(failure)) setError(failure);
      return { ok: false, error: failure };
    } finally {
      if (mounted.current) setRunning((n) => n - 1);
    }
  }, []);
  return { run, busy: running > 0, error, setError };
}

export interface Loaded<T> {
  /** The last answer (kept while the next one loads), or null before the first. */
  data: T | null;
  error: ConsoleError | null;
  /** Loads again (a refresh button, or after a change made elsewhere on the page). */
  reload: () => void;
}

/**
 * What a page reads when it shows and whenever `deps` change. An answer to an older request
 * (the deps changed meanwhile, or the component is gone) is dropped, so a slow first answer
 * never overwrites a newer one.
 *
 * @example
 * const stats = useLoad(() => api.client.get(`/api/stats?days=${days}`, Dashboard), [days]);
 */
export function useLoad<T>(load: () => Promise<T>, deps: Inputs): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ConsoleError | null }>({ data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => (s.error ? { data: s.data, error: null } : s));
    load().then(
      (data) => {
        if (live) setState({ data, error: null });
      },
      (err: unknown) => {
        if (live) setState((s) => ({ data: s.data, error: toConsoleError(err) }));
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
