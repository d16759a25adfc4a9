// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * One lint for the workspace: typescript-eslint's strict, type-aware rules. A disable
 * comment must say why (`-- reason`), or it is itself an error.
 */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Build configs sit outside the packages' tsconfig `include`; they get a default project.
        projectService: { allowDefaultProject: ['vitest.config.ts', 'shared/vitest.config.ts', 'server/vitest.config.ts', 'e2e/vitest.config.ts', 'widget/vite.config.ts', 'widget/vitest.config.ts'], defaultProject: 'tsconfig.base.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Template literals with numbers are the norm in log lines and keys.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `void promise` marks a deliberate fire-and-forget; floating ones are still errors.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Ports are async; their memory implementations have nothing to await and must still return promises.
      '@typescript-eslint/require-await': 'off',
      // Express 5 awaits a handler's promise and routes its rejection to the error handler.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // Every disable needs its reason after `--`.
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
    },
  },
  {
    // Build scripts run by plain node before anything is compiled: JavaScript with JSDoc types, linted without a type program.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', URL: 'readonly' } },
  },
  {
    // Tests and benchmarks poke at the wire with untyped payloads on purpose and assert on what comes back.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-d.ts', '**/*.contract.ts', '**/testing/**', 'bench/src/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // `byTestId<HTMLInputElement>('x')`: a typed query helper is clearer than a cast at every call.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
);
