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
    // Library code takes its SQL through the records or queries class of its area (the injection
    // token its unit spec fakes), never the connection itself. Every library file is held to it
    // unless it is the SQL side by name (`*-records.ts`, `sql-*.ts`, `*-queries.ts`, `*.queries.ts`,
    // `*-reads.ts`, `*.reads.ts`, `*.reader.ts`, `*-store.ts`) or named below, in groups.
    files: ['libs/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/*.fixture.ts',
      'libs/persistence/**',
      'libs/**/*-records.ts',
      'libs/**/sql-*.ts',
      'libs/**/*-queries.ts',
      'libs/**/*.queries.ts',
      'libs/**/*-reads.ts',
      'libs/**/*.reads.ts',
      'libs/**/*.reader.ts',
      'libs/**/*-store.ts',
      // Plumbing the records classes call with their own transaction's manager (postings, the
      // ledger, the payment allocation, locks) or a store that is its own table (the audit trail,
      // the directory), and the CLI's factory of model deployments.
      'libs/audit/src/audit-{trail,verification}.ts',
      'libs/identity/src/directory.ts',
      'libs/adapters/src/core-banking/ledger-postings.ts',
      'libs/servicing/src/changes/accounts-in-force.ts',
      'libs/servicing/src/repayments/{advance,loan-accounts,loan-ledger,payment-application}.ts',
      'libs/servicing/src/post-loan/record-classification.ts',
      'libs/servicing/src/classification/classification-rules.ts',
      'libs/origination/src/workers/approved-terms.ts',
      'libs/tasks/src/staffing/lock-person.ts',
      'libs/tasks/src/drafts/drop-draft.ts',
      'libs/tasks/src/inbox/candidate-rows.ts',
      'libs/monitoring/src/monitor/instance-variables.ts',
      'libs/models/src/api/standalone-deployments.ts',
      // Readers already shaped as queries: rows in, a view out, no rule of their own.
      'libs/loans/src/access/loan-access-objects.ts',
      'libs/monitoring/src/decisions/decision-evaluations.ts',
      'libs/monitoring/src/figures/serviced-book.ts',
      'libs/origination/src/dossier/loan-audit-trail.ts',
      'libs/servicing/src/accountability/accountability-facts.ts',
      'libs/servicing/src/classification/classification-facts.ts',
      'libs/servicing/src/feeds/feed-checks.ts',
      'libs/servicing/src/ledger/ledger-verification.ts',
      'libs/tasks/src/api/{decision,duty}-facts.ts',
      // The inbox's own machinery between the broker and its tables (intake, holds, completion
      // outbox and sweeper, the forms' hooks inside a completion): their transactions span broker
      // calls and their specs are the integration tier's. The next to move.
      'libs/tasks/src/inbox/{task-intake,task-hold-renewal,task-ending}.ts',
      'libs/tasks/src/completion/*.ts',
      'libs/tasks/src/forms/{form-definition,archive-file.form}.ts',
      // Simulations of the bank's other systems and the demo bank's seed.
      'libs/adapters/src/core-banking/simulated-core-banking.ts',
      'libs/adapters/src/notifications/recorded-notifier.ts',
      'libs/identity/src/demo/demo-bank.ts',
      'libs/origination/src/demo/demo-warning-list.ts',
    ],
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
