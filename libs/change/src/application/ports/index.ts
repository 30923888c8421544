export * from './change-references.port';
export * from './change-store.port';
export * from './projection-stores.port';
export * from './gate.port';
