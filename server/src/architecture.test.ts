import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));

/** Test code (suites, contracts, fixtures) may reach anywhere; the rule is about what ships. */
const isTestCode = (path: string) => /\.(test|contract)\.ts$/.test(path) || path.includes('/testing/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Folder → the folders its (non-test) modules import, from `from '../x/...'` specifiers. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const rel = file.slice(SRC.length);
    const folder = rel.includes('/') ? rel.split('/')[0]! : null;
    if (!folder || isTestCode(`/${rel}`)) continue;
    const deps = graph.get(folder) ?? new Set<string>();
    graph.set(folder, deps);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)) {
      const target = spec!.split('/')[1]!;
      if (!target.endsWith('.js') && target !== folder) deps.add(target);
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

describe('server/src folders', () => {
  const graph = folderGraph();

  it('import each other in one direction only: no folder imports a folder that imports it back', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('keep services free of transport: chat, routing and the stores never import realtime or http', () => {
    for (const folder of ['chat', 'routing', 'conversations', 'operators', 'presence', 'limits', 'store', 'auth', 'tickets', 'transcripts', 'departments']) {
      const deps = graph.get(folder) ?? new Set();
      expect([...deps].filter((d) => d === 'realtime' || d === 'http'), folder).toEqual([]);
    }
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const cyclic = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
  });
});
