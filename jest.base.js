/** Shared jest settings: ts-jest transpiling (type-checking is `npm run typecheck`), tsconfig path aliases. */
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  const from = '^' + alias.replace('/*', '/(.*)') + '$';
  moduleNameMapper[from] = '<rootDir>/' + target.replace('/*', '/$1');
}

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: {
    // Transpile only (isolatedModules): types are checked once by `tsc` in the test command.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/var/'],
  // Decorator metadata, as the apps' entry points load it.
  setupFiles: ['reflect-metadata'],
  // The project's own matchers (toThrowDomainError), for every tier.
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
};
