export * from './change.errors';
export * from './change.model';
export * from './approval-delegation';
export * from './approval-errors';
export * from './approval-policy-record';
