/**
 * Widget weight, as a visitor's browser fetches it: prints JSON with gzip sizes and the
 * budgets from DESIGN.md. Run after `pnpm build` (`pnpm bench` does both).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../../widget/dist', import.meta.url));
const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist', import.meta.url));

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Static imports of an ES module chunk (what the browser must fetch before it runs). */
function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out = new Set<string>();
  for (const m of src.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) out.add(join(file, '..', m[1]!));
  return [...out];
}

function closure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    staticImports(f).forEach(visit);
  };
  visit(entry);
  return [...seen];
}

const loader = gz(join(DIST, 'loader.js'));
const chatFiles = closure(join(DIST, 'chat.js'));
const chat = chatFiles.reduce((n, f) => n + gz(f), 0);
const locales = readdirSync(join(DIST, 'assets'))
  .filter((f) => /^locale-/.test(f))
  .map((f) => ({ file: f, gzip: gz(join(DIST, 'assets', f)) }));
const largestLocale = Math.max(...locales.map((l) => l.gzip));
/** Chunks loaded on use, after the chat is open: files (uploads, previews) and the end of a chat (rating, transcript). */
const onUse = readdirSync(join(DIST, 'assets'))
  .filter((f) => f.endsWith('.js') && !/^locale-/.test(f) && !chatFiles.some((c) => c.endsWith(f)))
  .map((f) => ({ file: f, gzip: gz(join(DIST, 'assets', f)) }));
const css = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(join(DIST, 'assets', f)), 0);
const consoleJs = readdirSync(join(CONSOLE_DIST, 'assets'))
  .filter((f) => f.startsWith('index-') && f.endsWith('.js'))
  .reduce((n, f) => n + gz(join(CONSOLE_DIST, 'assets', f)), 0);

const openChat = chat + css + largestLocale;
const result = {
  bench: 'widget-sizes',
  date: new Date().toISOString(),
  loaderGzipBytes: loader,
  loaderBudgetBytes: 2048,
  loaderWithinBudget: loader <= 2048,
  chatChunkFiles: chatFiles.map((f) => ({ file: f.slice(DIST.length + 1), rawBytes: statSync(f).size, gzipBytes: gz(f) })),
  cssGzipBytes: css,
  locales,
  openChatGzipBytes: openChat,
  openChatBudgetBytes: 45 * 1024,
  openChatWithinBudget: openChat <= 45 * 1024,
  consoleMainGzipBytes: consoleJs,
  loadedOnUse: onUse,
};
console.log(JSON.stringify(result, null, 2));
if (!result.loaderWithinBudget || !result.openChatWithinBudget) process.exitCode = 1;
