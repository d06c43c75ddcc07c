/** The jest configuration Stryker runs for each mutant (npm run mutate): the pure core's unit tests only, transpiled without type checks for speed. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/unit/core'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }] },
};
