// @ts-check
/**
 * After tsc: the demo page next to the compiled router that serves it, and
 * `dist/node_modules/@introserv/shared` → `shared/dist`. Node resolves a bare import from the
 * nearest node_modules first, so the compiled server loads shared's compiled JavaScript and
 * `node server/dist/main.js` runs as written, with no loader and no --conditions flag.
 */
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));

cpSync(fileURLToPath(new URL('../src/http/demo', import.meta.url)), dist('http/demo'), { recursive: true });

mkdirSync(dist('node_modules/@introserv'), { recursive: true });
rmSync(dist('node_modules/@introserv/shared'), { recursive: true, force: true });
// Relative, so the checkout can move: server/dist/node_modules/@introserv → shared/dist.
symlinkSync('../../../../shared/dist', dist('node_modules/@introserv/shared'), 'dir');
