export * from './lib/contract.errors';
export * from './lib/event-envelope';
export * from './lib/kafka-binding';
export * from './lib/topic-registry';
