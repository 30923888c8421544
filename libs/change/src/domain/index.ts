export * from './change.errors';
export * from './change.model';
export * from './unauthorised-change';
export * from './change-success-score';
