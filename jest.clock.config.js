/**
 * Tier 4: specs that must run alone, in band. Those that move the broker's controlled clock (shared
 * by every instance on the broker; moving it also expires activated jobs), and those that count
 * what the whole database holds (test/isolated: the fuzz asserts no row is written anywhere; the
 * access matrix reads every demo user's exact grants, which other specs extend for a moment).
 */
module.exports = {
  ...require('./jest.base'),
  displayName: 'clock',
  testMatch: [
    '<rootDir>/test/clock/**/*.clock-spec.ts',
    '<rootDir>/test/isolated/**/*.isolated-spec.ts',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/test-env.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
  testSequencer: '<rootDir>/test/support/clock-sequencer.js',
};
