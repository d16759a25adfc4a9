// @vitest-environment jsdom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { Signal } from '../signal.js';
import { useSignal } from './use-signal.js';

function Count({ signal }: { signal: Signal<number> }) {
  return h('span', null, useSignal(signal));
}

describe('useSignal', () => {
  it('renders the current value, follows changes, and stops listening when unmounted', () => {
    const root = document.createElement('div');
    const signal = new Signal(1);
    const unsubscribed = vi.fn();
    const subscribe = signal.subscribe.bind(signal);
    vi.spyOn(signal, 'subscribe').mockImplementation((listener) => {
      const stop = subscribe(listener);
      return () => {
        unsubscribed();
        stop();
      };
    });
    void act(() => render(h(Count, { signal }), root));
    expect(root.textContent).toBe('1');

    void act(() => signal.set(2));
    expect(root.textContent).toBe('2');

    void act(() => render(null, root));
    expect(unsubscribed).toHaveBeenCalledTimes(1);
  });

  it('catches a change made between the render and the subscription', () => {
    const root = document.createElement('div');
    const signal = new Signal(1);
    void act(() => {
      render(h(Count, { signal }), root);
      // Effects have not run yet inside this act: the component rendered 1 and is not subscribed.
      signal.set(5);
    });
    expect(root.textContent).toBe('5');
  });
});
