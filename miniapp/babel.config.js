// babel-preset-taro compiles src/ and the shared workspace (see config/index.ts compile.include).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
};
