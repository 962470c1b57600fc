/**
 * What Taro's H5 build makes of @tarojs/taro: the H5 API (the build rewrites `Taro.x` into named
 * imports of @tarojs/taro-h5, so the default object alone lacks most APIs) plus React's page hooks.
 * Everything hangs off the default export so tests can jest.spyOn(Taro, 'request').
 */
import * as h5 from '@tarojs/taro-h5';
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime';

const { default: base, ...named } = h5 as typeof h5 & { default: Record<string, unknown> };
const Taro = Object.assign(base, named, hooks);

export * from '@tarojs/taro-h5';
export * from '@tarojs/plugin-framework-react/dist/runtime';
export default Taro;
