// One file per domain; add a line when a module adds tables.
export * from './org';
export * from './users';
export * from './audit';
