import { useEffect, useState } from 'preact/hooks';

export interface Observable<T> {
  subscribe(fn: () => void): () => void;
}

/** Re-renders whenever `source` notifies, returning `read()`'s current value. */
export function useObservable<T>(source: Observable<T>, read: () => T): T {
  const [, force] = useState(0);
  useEffect(() => {
    const unsubscribe = source.subscribe(() => force((n) => n + 1));
    force((n) => n + 1); // catch a change made between render and subscribe
    return unsubscribe;
  }, [source]);
  return read();
}

/** The current time, refreshed every `intervalMs` (for "waiting 3 min"). */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
