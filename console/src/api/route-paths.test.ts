import { describe, expect, it } from 'vitest';

/** The console's own source (tests aside), as text. */
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });

/** Drops comments, so a doc comment may still name a route. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('the console’s HTTP paths', () => {
  it('come from the shared registry only: no source writes an /api path of its own', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const written = Object.entries(sources).flatMap(([file, text]) => [...code(text).matchAll(/['"`]\/api(?:\/[^'"`]*)?['"`?]/g)].map((m) => `${file}: ${m[0]}`));
    expect(written).toEqual([]);
  });
});
