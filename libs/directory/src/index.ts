export * from './domain';
export * from './application/directory-inputs';
export * from './application/ports';
export * from './application/commands';
