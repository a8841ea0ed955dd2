/** Tier 1: pure unit specs beside the code. No database, no broker. */
module.exports = {
  ...require('./jest.base'),
  displayName: 'unit',
  testMatch: [
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/bench/**/*.spec.ts',
    // Test support's own pure helpers.
    '<rootDir>/test/support/**/*.spec.ts',
  ],
};
