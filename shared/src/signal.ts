/**
 * A value that tells its subscribers when it changes: the one observable the widget and
 * the console build their state on (each UI has a small hook that re-renders on change).
 *
 * @example
 * const count = new Signal(0);
 * const stop = count.subscribe((n) => console.log(n));
 * count.update((n) => n + 1); // logs 1
 */
export class Signal<T> {
  private current: T;
  private readonly listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.current = initial;
  }

  get value(): T {
    return this.current;
  }

  /** Replaces the value; subscribers hear it only when it is a different one (`Object.is`). */
  set(next: T): void {
    if (Object.is(next, this.current)) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  update(fn: (value: T) => T): void {
    this.set(fn(this.current));
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
