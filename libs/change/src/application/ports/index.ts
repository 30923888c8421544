export * from './change-references.port';
export * from './projection-stores.port';
export * from './unauthorised-change-store.port';
