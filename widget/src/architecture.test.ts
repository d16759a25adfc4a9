import { describe, expect, it } from 'vitest';

/**
 * The widget's shape: every folder (at any depth: chat/connection, chat/ui, loader, …) and
 * every root file (embed.ts, adopt-css.ts) is a unit, and no unit imports one that imports it
 * back, through any chain; static, side-effect and dynamic imports all count (a lazy chunk is
 * still a dependency). Tests and their fakes may reach anywhere.
 */
const SOURCES = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./**/testing/**'], { query: '?raw', import: 'default', eager: true });

/** Files over this many lines are split by job (tests aside). */
const MAX_LINES = 400;

/** The unit of a path relative to src/: its folder, or the root file's own name. */
const unitOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : path.replace(/\.(js|ts|tsx|css|json)$/, ''));

function unitGraph(sources: Record<string, string>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [key, source] of Object.entries(sources)) {
    const file = key.replace(/^\.\//, '');
    const unit = unitOf(file);
    const deps = graph.get(unit) ?? new Set<string>();
    graph.set(unit, deps);
    for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^'?]+)[^']*'/gm)) {
      const target = new URL(m[1]!, `file:///src/${file}`).pathname;
      // Outside src/ (the locales): not a unit of the widget.
      if (!target.startsWith('/src/')) continue;
      const to = unitOf(target.slice('/src/'.length));
      if (to !== unit) deps.add(to);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('widget/src units', () => {
  const graph = unitGraph(SOURCES);

  it('sees the loader, the chat’s folders and the root files', () => {
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['loader', 'chat', 'chat/connection', 'chat/ui', 'embed']));
  });

  it('import each other in one direction only: no unit imports a unit that imports it back', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('keep the loader apart: it imports no part of the chat chunk (it is a separate classic script)', () => {
    expect([...(graph.get('loader') ?? [])].filter((d) => d.startsWith('chat'))).toEqual([]);
  });

  it(`keep every source file under ${MAX_LINES} lines`, () => {
    const long = Object.entries(SOURCES).filter(([, source]) => source.split('\n').length > MAX_LINES).map(([file]) => file);
    expect(long).toEqual([]);
  });

  it('finds a cycle when there is one, through a lazy chunk too (the check itself works)', () => {
    const cyclic = unitGraph({
      './chat/ui/lazy.ts': "export const load = () => import('../files/files.js');",
      './chat/files/files.tsx': "import { x } from '../ui/lazy.js';",
    });
    expect(findCycle(cyclic)).toEqual(['chat/ui', 'chat/files', 'chat/ui']);
  });
});
