export * from './notification.errors';
export * from './notice';
export * from './event-fields';
export * from './rules';
