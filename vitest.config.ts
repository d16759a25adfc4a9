import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: each package is a project, so `vitest run`
// runs them all and `--project server` runs one.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'widget', 'console', 'e2e'],
  },
});
