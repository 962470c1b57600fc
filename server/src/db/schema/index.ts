// One file per domain; add a line when a module adds tables.
export * from './org';
export * from './users';
export * from './audit';
export * from './settings';
export * from './notifications';
export * from './policies';
export * from './consultations';
export * from './applications';
export * from './reports';
export * from './files';
export * from './cases';
export * from './children';
export * from './tasks';
export * from './visits';
export * from './resources';
