// @ts-check
/**
 * After tsc: `dist/package.json`, so that `dist/` is a package of its own with plain
 * (condition-free) exports. server/dist links to it as `node_modules/@introserv/shared`
 * (server/scripts/after-build.mjs), and `node server/dist/main.js` then loads compiled
 * JavaScript without any flag, while tests, tsx and Vite keep resolving `src/` through
 * shared/package.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = {
  name: own.name,
  version: own.version,
  private: true,
  type: 'module',
  exports: { '.': './index.js', './client': './client.js' },
  sideEffects: false,
};
writeFileSync(new URL('../dist/package.json', import.meta.url), `${JSON.stringify(dist, null, 2)}\n`);
