import type { Signal } from '@introserv/shared/client';
import { useEffect, useState } from 'preact/hooks';

/** The signal's current value; the component re-renders whenever the signal changes. */
export function useSignal<T>(signal: Signal<T>): T {
  const value = signal.value;
  const [, setTick] = useState(0);
  useEffect(() => {
    const rerender = (): void => setTick((n) => n + 1);
    // A change between this render and the subscription would otherwise be missed.
    if (!Object.is(signal.value, value)) rerender();
    return signal.subscribe(rerender);
  }, [signal]);
  return value;
}
