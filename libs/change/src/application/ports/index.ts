export * from './change-references.port';
export * from './calendar-stores.port';
