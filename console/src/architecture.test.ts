import { describe, expect, it } from 'vitest';

/**
 * The console's shape, checked like server/src/architecture.test.ts: every folder below src/
 * and every root file (main.tsx) is a unit; no unit imports one that imports it back, through
 * any chain. Static, side-effect and dynamic imports all count (a page registry that loads a
 * page lazily still depends on it). Test code (suites, testing/) may reach anywhere.
 */
const SOURCES = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./testing/**'], { query: '?raw', import: 'default', eager: true });

/** Files over this many lines are split by job (tests aside). */
const MAX_LINES = 400;

/** The unit of a path relative to src/: its first folder, or the root file's own name. */
const unitOf = (path: string): string => {
  const [first, second] = path.split('/');
  return second === undefined ? first!.replace(/\.(js|ts|tsx|css)$/, '') : first!;
};

function imports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm)) found.push(m[1]!);
  return found;
}

/** Unit → the units its (non-test) modules import. */
export function unitGraph(sources: Record<string, string>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [key, source] of Object.entries(sources)) {
    const file = key.replace(/^\.\//, '');
    const unit = unitOf(file);
    const deps = graph.get(unit) ?? new Set<string>();
    graph.set(unit, deps);
    for (const spec of imports(source)) {
      const target = new URL(spec, `file:///src/${file}`).pathname.replace(/^\/src\//, '');
      const to = unitOf(target);
      if (to !== unit) deps.add(to);
    }
  }
  return graph;
}

export function findCycle(graph: Map<string, Set<string>>): string[] | null {
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

describe('console/src units', () => {
  const graph = unitGraph(SOURCES);

  it('sees every folder and the root files', () => {
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['app', 'chat', 'conversations', 'main']));
  });

  it('import each other in one direction only: no unit imports a unit that imports it back', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('keep the shell to itself: nothing imports app/', () => {
    expect([...graph].filter(([unit, deps]) => unit !== 'main' && deps.has('app')).map(([unit]) => unit)).toEqual([]);
  });

  it(`keep every source file under ${MAX_LINES} lines`, () => {
    const long = Object.entries(SOURCES).filter(([, source]) => source.split('\n').length > MAX_LINES).map(([file]) => file);
    expect(long).toEqual([]);
  });

  it('finds a cycle when there is one, through dynamic imports and root files too (the check itself works)', () => {
    const cyclic = unitGraph({
      './main.tsx': "import { App } from './app/App.js';",
      './app/pages.ts': "const load = () => import('../tickets/TicketsPage.js');",
      './tickets/TicketsPage.tsx': "import '../main.js';",
    });
    expect(findCycle(cyclic)).toEqual(['main', 'app', 'tickets', 'main']);
  });
});
