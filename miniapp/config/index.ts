import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { IH5Config } from '@tarojs/taro/types/compile';

const root = path.resolve(__dirname, '..');
const sharedSrc = path.resolve(root, '../shared/src');
const taroEnv = process.env.TARO_ENV ?? 'weapp';

/** The H5 build is served by the API server itself (same origin); weapp talks to a local server. */
const apiBase = process.env.TARO_APP_API_BASE ?? (taroEnv === 'h5' ? '' : 'http://127.0.0.1:3000');

/**
 * The workspace root holds a second React (19, pulled in by @testing-library/react); pin every
 * import of react to the miniapp's own copy (18) so NutUI and Taro never see two Reacts.
 */
const reactDir = path.dirname(require.resolve('react/package.json', { paths: [root] }));
const reactDomDir = path.dirname(require.resolve('react-dom/package.json', { paths: [root] }));

/**
 * npm keeps some @tarojs packages in miniapp/node_modules while hoisting the packages that import
 * them (@tarojs/taro-h5, react-transition-group → react-dom → @tarojs/react) to the root.
 */
function localTaroPackages(): Record<string, string> {
  const dir = path.resolve(root, 'node_modules/@tarojs');
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [`@tarojs/${name}`, path.join(dir, name)]));
}

type Chain = Parameters<NonNullable<IH5Config['webpackChain']>>[0];

/**
 * @wbt/shared is a barrel of zod schemas whose module-level calls look like side effects; without
 * this every page would ship every schema. Only zodLocale is imported for its effect.
 */
function treeShakeShared(chain: Chain): void {
  chain.module
    .rule('wbt-shared-pure')
    .test((file: string) => file.startsWith(sharedSrc) && !file.endsWith('zodLocale.ts'))
    .merge({ sideEffects: false }); // (webpack-chain's types lack the .sideEffects() shorthand)
}

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'weibaotong',
    date: '2026-1-1',
    // NutUI is drawn at 375 px; our own styles at 750 px.
    designWidth(input) {
      const file = typeof input === 'object' && input ? String((input as { file?: string }).file ?? '') : '';
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
    },
    alias: {
      '@': path.resolve(root, 'src'),
      'react/jsx-runtime': path.join(reactDir, 'jsx-runtime.js'),
      'react/jsx-dev-runtime': path.join(reactDir, 'jsx-dev-runtime.js'),
      react$: path.join(reactDir, 'index.js'),
      ...localTaroPackages(),
      // chinese-days (used by @wbt/shared) ships its ES build inside a "type": "commonjs" package,
      // which webpack refuses to parse; use its CommonJS build.
      'chinese-days$': require.resolve('chinese-days', { paths: [sharedSrc] }),
      ...(taroEnv === 'h5'
        ? { 'react-dom/client$': path.join(reactDomDir, 'client.js'), 'react-dom$': path.join(reactDomDir, 'index.js') }
        : {}),
    },
    // The H5 build's favicon and home-screen icon (served at the site root; weapp has its own icon).
    copy: {
      patterns:
        taroEnv === 'h5'
          ? ['favicon.ico', 'favicon.svg', 'apple-touch-icon.png'].map((f) => ({ from: `src/assets/h5/${f}`, to: `dist/h5/${f}` }))
          : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      webpackChain: treeShakeShared,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      webpackChain(chain) {
        treeShakeShared(chain);
        // Taro splits only initial chunks, so every lazily loaded page would carry its own copy
        // of NutUI, zod and @wbt/shared; share them between pages instead.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
        // webpack's 244 KiB hint is noise for an H5 app (the weapp size is checked by our script).
        chain.performance.hints(false);
      },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return config;
});
