import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// Shared by both outputs: Preact's automatic JSX runtime through esbuild, so no Babel
// (@preact/preset-vite) is needed.
const esbuild: UserConfig['esbuild'] = { jsx: 'automatic', jsxImportSource: 'preact' };

/**
 * The loader is built by a nested Vite build as one self-contained IIFE and emitted
 * into this build's output as `loader.js`. Putting it in the same Rollup graph as the
 * chat chunk would let Rollup hoist shared modules into a common chunk, and the loader
 * would then start with an `import` statement, which a classic `<script>` cannot run.
 */
function loaderBuild(): Plugin {
  return {
    name: 'introserv:loader',
    apply: 'build',
    async generateBundle() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        esbuild,
        build: {
          write: false,
          minify: 'esbuild',
          modulePreload: false,
          rollupOptions: {
            input: src('loader/loader.ts'),
            output: { format: 'iife', entryFileNames: 'loader.js' },
          },
        },
      });
      const outputs = Array.isArray(result) ? result : [result];
      for (const out of outputs) {
        if (!('output' in out)) continue;
        for (const file of out.output) {
          if (file.type === 'chunk' && file.isEntry) {
            this.emitFile({ type: 'asset', fileName: 'loader.js', source: file.code });
          }
        }
      }
    },
  };
}

/**
 * One config builds everything in dist/: `loader.js` (classic script, ≤ 2 KB gz),
 * `chat.js` (ES module exporting `mount`, imported by the loader on click) and hashed
 * chunks beside it (one per locale). `base: './'` makes every chunk URL relative to the
 * file that imports it, so the widget works from whatever URL serves `loader.js`.
 */
export default defineConfig({
  base: './',
  esbuild,
  plugins: [loaderBuild()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    minify: 'esbuild',
    // The locale chunks have no dependencies to preload; skip Vite's preload helper.
    modulePreload: false,
    rollupOptions: {
      input: { chat: src('chat/main.tsx') },
      // App builds drop entry exports by default; the loader needs `mount`. 'allow-extension'
      // lets the lazy chunks (files, end of chat, the leave-a-message form) import shared code
      // from chat.js itself instead of splitting it into a third file the first open would
      // have to wait for.
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        // Name the per-language chunks after their language: assets/locale-de-<hash>.js.
        chunkFileNames: (chunk) => {
          const lang = /locales\/([a-z]{2})\/widget\.json$/.exec(chunk.facadeModuleId ?? '')?.[1];
          return lang ? `assets/locale-${lang}-[hash].js` : 'assets/[name]-[hash].js';
        },
        assetFileNames: 'assets/[name]-[hash][extname]',
        // A side-effect-free chunk under 1 KB (the route paths the lazy chunks share) goes into
        // chat.js, which every lazy chunk imports already: ~200 B on the first open rather than a
        // request of its own, after its importer's, on the first file or end of a chat.
        experimentalMinChunkSize: 1024,
      },
    },
  },
});
