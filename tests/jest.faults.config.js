/**
 * `npm run test:faults`: fault-injection runs that take minutes and print their figures
 * (not part of `npm test` or CI). Real server processes, real MariaDB, one file at a time.
 */
module.exports = {
  displayName: 'faults',
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/faults/**/*.faults.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 600000,
};
