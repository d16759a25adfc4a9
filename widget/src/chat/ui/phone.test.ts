import { describe, expect, it } from 'vitest';
import { holdPhoneView } from './phone.js';

function fakeWindow(phone: boolean) {
  const listeners = new Map<string, () => void>();
  const viewport = {
    height: 700,
    offsetTop: 0,
    addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
    removeEventListener: (type: string) => listeners.delete(type),
  };
  const win = { matchMedia: () => ({ matches: phone }), visualViewport: viewport, document } as unknown as Window;
  return { win, viewport, listeners };
}

describe('holdPhoneView', () => {
  it('on a phone, stops the page behind from scrolling and follows the visual viewport (the keyboard), then undoes it all', () => {
    document.documentElement.style.overflow = 'auto';
    const container = document.createElement('div');
    const { win, viewport, listeners } = fakeWindow(true);
    const release = holdPhoneView(container, win);
    expect(document.documentElement.style.overflow).toBe('hidden');
    expect(document.body.style.overflow).toBe('hidden');
    expect(container.style.getPropertyValue('--vvh')).toBe('700px');

    // The on-screen keyboard opens: the visible area shrinks and scrolls.
    viewport.height = 380;
    viewport.offsetTop = 120;
    listeners.get('resize')?.();
    expect(container.style.getPropertyValue('--vvh')).toBe('380px');
    expect(container.style.getPropertyValue('--vvt')).toBe('120px');

    release();
    expect(document.documentElement.style.overflow).toBe('auto');
    expect(document.body.style.overflow).toBe('');
    expect(container.style.getPropertyValue('--vvh')).toBe('');
    expect(listeners.size).toBe(0);
  });

  it('leaves a wide screen alone', () => {
    document.documentElement.style.overflow = '';
    const container = document.createElement('div');
    holdPhoneView(container, fakeWindow(false).win);
    expect(document.documentElement.style.overflow).toBe('');
    expect(container.style.getPropertyValue('--vvh')).toBe('');
  });
});
