export * from './lib/aggregate-repository';
export * from './lib/embedded-mongo';
export * from './lib/inbox';
export * from './lib/mongo-connection';
export * from './lib/object-id';
export * from './lib/outbox';
export * from './lib/persistence.errors';
export * from './lib/retry-on-conflict';
