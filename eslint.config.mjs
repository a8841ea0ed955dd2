// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  // TypeScript is linted; the few plain JS files are configs and CI glue.
  { ignores: ['dist/**', 'var/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  // A directive that silences nothing is an error: exemptions end when their reason does.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // typescript-eslint's recommended type-aware rules on the server, benches, fault suite and
    // tests. Among them: promises are awaited or handled, never passed where a callback's result is
    // ignored, and rejected with errors; values are not turned into "[object Object]" text; an
    // async function awaits something (else it is a forgotten await, or a plain function); no
    // assertion restates a type (a query's row type is its type argument); no value typed `any` is
    // read, called, passed on or returned (no-unsafe-*). Specs written before that rule, which
    // read supertest bodies typed any, say so in a directive at their top; an unneeded directive
    // is an error, so the list only shrinks as they move to the typed client (`staff.as`).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'bench/**/*.ts', 'chaos/**/*.ts', 'test/**/*.ts'],
    ignores: ['apps/console/**'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
    },
  },
  {
    // Unit specs' fakes of async interfaces are written async, so a fake that throws rejects as
    // the real one would.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // The console too, type-aware, on its own tsconfig (the browser's library, the client's path).
    files: ['apps/console/src/**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // React ignores what an event handler returns, and the console's handlers catch and show
      // their own failures; a promise passed anywhere else must still be handled.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    // The console's components: hooks called unconditionally and effects that list what they read.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // useLoad(load, deps) takes its dependencies as an effect does: checked the same way.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLoad$' }],
    },
  },
  {
    // A service or worker takes its SQL through the records or queries class of its area (the
    // injection token its unit spec fakes), never the connection itself. The persistence layer's
    // own IdempotencyService is that layer.
    files: [
      'libs/**/*.service.ts',
      'libs/**/*.worker.ts',
      'libs/**/*.workers.ts',
      'libs/**/*.controller.ts',
    ],
    ignores: ['libs/persistence/src/idempotency.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'Repository'],
              message:
                'Read and write through the area’s records or queries class (CONTRIBUTING.md, “Ground rules”).',
            },
          ],
        },
      ],
    },
  },
  {
    // Entry points, scripts, benches and tests talk to a terminal on purpose.
    files: ['apps/migrate/**', 'apps/cli/**', 'bench/**', 'chaos/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
