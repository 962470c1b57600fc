/** One jest run for everything: node project (shared/server/e2e) and the miniapp's jsdom project. */
module.exports = {
  projects: ['<rootDir>/tests/jest.node.config.js', '<rootDir>/tests/jest.miniapp.config.js'],
  // Global options (ignored inside project configs): browser and database tests need room on 2 cores.
  testTimeout: 60000,
  // A handle leaked by a failing suite (a stand-in left listening) must not hang the run until CI's
  // time limit; jest still names the leak, and `npx jest --detectOpenHandles <file>` finds it.
  forceExit: true,
};
