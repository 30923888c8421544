export * from './change.errors';
export * from './change.model';
export * from './gate';
