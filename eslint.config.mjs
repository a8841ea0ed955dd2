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
    // Type-aware rules on the server, benches, fault suite and tests: promises are awaited or
    // handled, never passed where a callback's result is ignored, and rejected with errors; values
    // are not turned into "[object Object]" text; an async function awaits something (else it is
    // a forgotten await, or a plain function); no assertion restates a type (a query's row type
    // is its type argument); no value typed `any` is read, called, passed on or returned
    // (no-unsafe-*). Specs written before that rule, which read supertest bodies typed any, say
    // so in a directive at their top; an unneeded directive is an error, so the list only
    // shrinks as they move to the typed client (`staff.as`).
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'bench/**/*.ts', 'chaos/**/*.ts', 'test/**/*.ts'],
    ignores: ['apps/console/**'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/restrict-template-expressions': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'require-await': 'off',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
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
    // Entry points, scripts, benches and tests talk to a terminal on purpose.
    files: ['apps/migrate/**', 'apps/cli/**', 'bench/**', 'chaos/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
