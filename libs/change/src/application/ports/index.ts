export * from './change-references.port';
