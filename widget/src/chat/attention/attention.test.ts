import { afterEach, describe, expect, it, vi } from 'vitest';
import { TitleFlash } from './attention.js';

describe('TitleFlash', () => {
  afterEach(() => vi.useRealTimers());

  it('alternates the title, keeps the page’s own later change, and restores it when stopped', () => {
    vi.useFakeTimers();
    const doc = { title: 'Pricing' };
    const flash = new TitleFlash(doc, 1000);
    flash.start('(1) New message');
    vi.advanceTimersByTime(1000);
    expect(doc.title).toBe('(1) New message');
    flash.start('(2) New message');
    vi.advanceTimersByTime(1000);
    expect(doc.title).toBe('Pricing');
    doc.title = 'Pricing · Cart (1)';
    vi.advanceTimersByTime(1000);
    expect(doc.title).toBe('(2) New message');
    flash.stop();
    expect(doc.title).toBe('Pricing · Cart (1)');
    expect(flash.active).toBe(false);
  });
});
