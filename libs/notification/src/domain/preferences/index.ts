export * from './notification-preferences';
export * from './parse-preferences';
export * from './quiet-hours';
