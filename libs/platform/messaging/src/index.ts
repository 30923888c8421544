export * from './lib/consumer-pipeline';
export * from './lib/dead-letter';
export * from './lib/event-bus';
export * from './lib/in-process/in-process-event-bus';
export * from './lib/kafka/kafka-event-bus';
export * from './lib/messaging.errors';
export * from './lib/outbox/outbox-relay';
