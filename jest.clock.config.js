/**
 * Tier 4: specs that move the broker's controlled clock. The clock is shared by every instance on
 * the broker and moving it also expires activated jobs, so these run alone and in band.
 */
module.exports = {
  ...require('./jest.base'),
  displayName: 'clock',
  testMatch: ['<rootDir>/test/clock/**/*.clock-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/test-env.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
  testSequencer: '<rootDir>/test/support/clock-sequencer.js',
};
