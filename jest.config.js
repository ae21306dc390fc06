/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] }, // transpile only: tsconfig sets isolatedModules
  // Browser tests (test/browser) skip themselves, with the reason printed, when /usr/bin/chromium is absent.
  testTimeout: 20000,
};
