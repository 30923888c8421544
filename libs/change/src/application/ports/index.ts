export * from './change-references.port';
export * from './change-store.port';
