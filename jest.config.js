/** One jest run for everything: node project (shared/server/e2e) and the miniapp's jsdom project. */
module.exports = {
  projects: ['<rootDir>/tests/jest.node.config.js', '<rootDir>/tests/jest.miniapp.config.js'],
  // Global options (ignored inside project configs): browser and database tests need room on 2 cores.
  testTimeout: 60000,
};
