/** Shared, server (real MariaDB) and end-to-end (real Chromium) tests. */
module.exports = {
  displayName: 'node',
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/{shared,server,e2e}/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Honoured when this config runs alone; the root config sets the same for `npm test`.
  testTimeout: 60000,
};
