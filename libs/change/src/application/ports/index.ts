export * from './change-references.port';
export * from './gate.port';
