// Build-time constants Taro's bundler defines for an H5 build (see webpack5-runner H5WebpackPlugin).
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.FRAMEWORK = 'react';
process.env.SUPPORT_TARO_POLYFILL = 'disabled';
process.env.TARO_APP_API_BASE = '';
(globalThis as Record<string, unknown>).DEPRECATED_ADAPTER_COMPONENT = false;
// NutUI's form validation (async-validator) logs every failed rule outside production builds.
(globalThis as Record<string, unknown>).ASYNC_VALIDATOR_NO_WARNING = 1;
