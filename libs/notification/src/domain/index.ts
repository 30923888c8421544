export * from './notification.errors';
export * from './notice';
export * from './mail-address';
export * from './event-fields';
export * from './inbound';
export * from './rules';
