import { afterEach, describe, expect, it } from 'vitest';
import { safeStringify, withoutArrayToJSON } from './safe-json.js';

describe('safeStringify', () => {
  afterEach(() => {
    delete (Array.prototype as unknown as Record<string, unknown>).toJSON;
  });

  it('serializes arrays as arrays on a page that redefined Array.prototype.toJSON, and leaves the page’s method in place', () => {
    const hijack = function (this: unknown[]) {
      return 'hijacked';
    };
    Object.defineProperty(Array.prototype, 'toJSON', { value: hijack, configurable: true, writable: true });
    expect(JSON.stringify({ a: [1, 2] })).toBe('{"a":"hijacked"}');
    expect(safeStringify({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect((Array.prototype as unknown as { toJSON: unknown }).toJSON).toBe(hijack);
    expect(() => withoutArrayToJSON(() => { throw new Error('boom'); })).toThrow('boom');
    expect((Array.prototype as unknown as { toJSON: unknown }).toJSON).toBe(hijack);
  });
});
