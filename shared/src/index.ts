import "./zodLocale";
export * from './labels';
export * from './org';
export * from './auth';
export * from './errors';
