import { useEffect, useState } from 'preact/hooks';
import type { Signal } from '../signal.js';

/**
 * The signal's current value for a Preact component, which re-renders whenever the signal
 * changes and stops listening when it unmounts. Both UIs build their state on `Signal`.
 *
 * @example
 * function Count({ count }: { count: Signal<number> }) {
 *   return <span>{useSignal(count)}</span>;
 * }
 */
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
