/** One jest run for everything: node project (shared/server/e2e) and the miniapp's jsdom project. */
const fs = require('node:fs');
const projects = ['<rootDir>/tests/jest.node.config.js'];
if (fs.existsSync(`${__dirname}/tests/jest.miniapp.config.js`)) projects.push('<rootDir>/tests/jest.miniapp.config.js');
module.exports = { projects };
