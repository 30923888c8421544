export * from './change-references.port';
export * from './approval-stores.port';
