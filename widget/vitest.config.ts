import { defineProject } from 'vitest/config';

// css: true so that `?inline` imports carry the real stylesheet (the tests check it lands in the shadow root).
export default defineProject({
  test: { name: 'widget', environment: 'jsdom', include: ['src/**/*.test.ts?(x)'], css: true },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
});
