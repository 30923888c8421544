export * from './change-references.port';
export * from './projection-stores.port';
