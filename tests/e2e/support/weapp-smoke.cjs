/* global setTimeout, URL */
/**
 * Load the built weapp bundle in plain Node with a minimal stand-in for WeChat's globals, open one
 * page (onLoad) and print what it rendered: the payloads of setData, as JSON on stdout.
 *
 *   node weapp-smoke.cjs <dist/weapp> <page route> [responses.json]
 *
 * responses.json maps "METHOD /path" to { statusCode, data } for wx.request. Runs in its own
 * process so the fake globals never leak into a test runner.
 */
const fs = require('node:fs');
const path = require('node:path');

const [dist, route, responsesFile] = process.argv.slice(2);
const responses = responsesFile ? JSON.parse(fs.readFileSync(responsesFile, 'utf8')) : {};
const storage = new Map(Object.entries(responses.storage ?? {}));
const calls = [];

let app;
let pageConfig;
const ok = (name) => ({ errMsg: `${name}:ok` });
const asyncApi = (name, result = {}) => (opts = {}) => {
  calls.push(name);
  setTimeout(() => {
    opts.success?.({ ...ok(name), ...result });
    opts.complete?.({ ...ok(name), ...result });
  }, 0);
};

globalThis.wx = {
  getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 812, pixelRatio: 2, SDKVersion: '3.6.0' }),
  getAppBaseInfo: () => ({ SDKVersion: '3.6.0' }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2 }),
  getDeviceInfo: () => ({ platform: 'devtools' }),
  canIUse: () => true,
  nextTick: (fn) => setTimeout(fn, 0),
  getStorageSync: (key) => storage.get(key) ?? '',
  setStorageSync: (key, value) => storage.set(key, value),
  removeStorageSync: (key) => storage.delete(key),
  onNeedPrivacyAuthorization: () => calls.push('onNeedPrivacyAuthorization'),
  onPageNotFound: () => calls.push('onPageNotFound'),
  reLaunch: asyncApi('reLaunch'),
  navigateTo: asyncApi('navigateTo'),
  showToast: asyncApi('showToast'),
  request(opts) {
    const key = `${opts.method ?? 'GET'} ${new URL(opts.url).pathname}`;
    calls.push(`request ${key}`);
    const res = responses.requests?.[key] ?? { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    setTimeout(() => {
      opts.success?.({ ...ok('request'), header: {}, ...res });
      opts.complete?.({ ...ok('request'), header: {}, ...res });
    }, 0);
    return { abort() {} };
  },
};
globalThis.App = (config) => (app = config);
globalThis.Page = (config) => (pageConfig = config);
globalThis.Component = (config) => (pageConfig = config);
globalThis.Behavior = (b) => b;
globalThis.getApp = () => app;
globalThis.getCurrentPages = () => [];
globalThis.requirePlugin = () => ({});

const payloads = [];
const errors = [];
process.on('uncaughtException', (err) => errors.push(String(err && err.stack ? err.stack : err)));
process.on('unhandledRejection', (err) => errors.push(String(err && err.stack ? err.stack : err)));

require(path.resolve(dist, 'app.js'));
app.onLaunch?.call(app, { path: route, query: {} });
require(path.resolve(dist, `${route}.js`));
const page = {
  ...pageConfig,
  route,
  data: {},
  setData(data, cb) {
    payloads.push(data);
    cb?.();
  },
};
(pageConfig.methods?.onLoad ?? pageConfig.onLoad).call(page, {});
page.onShow?.call(page);

setTimeout(() => {
  process.stdout.write(JSON.stringify({ appJson: JSON.parse(fs.readFileSync(path.resolve(dist, 'app.json'), 'utf8')), payloads, calls, errors }));
}, 300);
