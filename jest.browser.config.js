/**
 * Tier 5: the web console in real headless Chromium (Debian's `chromium`, driven by playwright-core)
 * against the real API, workers, broker and database. One browser at a time: run in band.
 */
module.exports = {
  ...require('./jest.base'),
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/test-env.ts'],
  testTimeout: 180000,
  maxWorkers: 1,
};
