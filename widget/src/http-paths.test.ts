import { describe, expect, it } from 'vitest';

/** The widget's own source (tests aside), as text. */
const sources = import.meta.glob<string>(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts', '!./**/*.test.tsx', '!./**/testing/**'], { query: '?raw', import: 'default', eager: true });

/** Drops comments, so a doc comment may still name a route. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('the widget’s HTTP paths', () => {
  it('come from the shared WIDGET_ENDPOINTS only: no source writes a /widget route of its own', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const written = Object.entries(sources).flatMap(([file, text]) => [...code(text).matchAll(/\/widget\/[\w/.-]*/g)].map((m) => `${file}: ${m[0]}`));
    expect(written).toEqual([]);
  });
});
