/**
 * Mini-program unit tests: jsdom + @testing-library/react against Taro's H5 runtime.
 * @tarojs/taro → a shim over @tarojs/taro-h5 (what Taro's api-loader does at build time),
 * @tarojs/components → its React web-component bindings. React is pinned to the miniapp's copy
 * (18) because the workspace root also holds React 19.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const miniappModules = path.join(root, 'miniapp/node_modules');
const fromMiniapp = (id) => path.dirname(require.resolve(`${id}/package.json`, { paths: [path.join(root, 'miniapp')] }));

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// ESM-only packages (including node_modules nested inside @tarojs packages) must be transformed.
const esm = ['@tarojs', '@nutui', '@stencil', 'lodash-es', 'classnames', 'swiper', 'ssr-window', 'dom7', 'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj', 'jsonp-retry', 'mobile-detect', 'history', 'tslib', '@swc/helpers', '@react-spring', '@use-gesture', 'nanoid'];

module.exports = {
  displayName: 'miniapp',
  rootDir: '..',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/miniapp/**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/tests/miniapp/support/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/miniapp/support/setup-dom.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': swc,
    '^.+\\.mjs$': swc,
  },
  // Skip node_modules files unless their path passes through one of the ESM packages above
  // (that also covers node_modules nested inside @tarojs packages).
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esm.join('|')})/).*/node_modules/`],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/tests/miniapp/support/taro-shim.ts',
    '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
    '^@tarojs/plugin-framework-react/(.*)$': `${miniappModules}/@tarojs/plugin-framework-react/$1`,
    // Its "main" is a UMD bundle of everything (lottie included); use the ES build the bundler uses.
    '^@nutui/nutui-react-taro$': `${fromMiniapp('@nutui/nutui-react-taro')}/dist/es/packages/nutui.react.build.js`,
    // NutUI's barrel pulls in lottie, which draws on a canvas jsdom lacks at import time.
    '^(lottie-react|lottie-web|@nutui/lottie-miniprogram)$': '<rootDir>/tests/miniapp/support/empty-module.js',
    '^lodash-es$': 'lodash',
    '^lodash-es/(.*)$': 'lodash/$1',
    '^react$': `${fromMiniapp('react')}/index.js`,
    '^react/(.*)$': `${fromMiniapp('react')}/$1`,
    '^react-dom$': `${fromMiniapp('react-dom')}/index.js`,
    '^react-dom/(.*)$': `${fromMiniapp('react-dom')}/$1`,
    '\\.(css|scss|sass|less)$': '<rootDir>/tests/miniapp/support/empty-module.js',
  },
  testTimeout: 20000,
};
