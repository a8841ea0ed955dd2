/** Tier 2 and 3: integration specs (real MySQL, Redis) and end-to-end specs (real Zeebe broker). */
module.exports = {
  ...require('./jest.base'),
  displayName: 'integration+e2e',
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/test-env.ts'],
  testTimeout: 120000,
};
