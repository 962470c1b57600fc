// Ships no types; the shim only re-exports its React page hooks (typed by @tarojs/taro).
declare module '@tarojs/plugin-framework-react/dist/runtime';
