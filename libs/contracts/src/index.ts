export * from './lib/contract.errors';
export * from './lib/event-envelope';
export * from './lib/kafka-binding';
export * from './lib/topic-registry';
export * from './lib/topics/incident.topic';
export * from './lib/topics/platform-topics';
export * from './lib/topics/problem.topic';
export * from './lib/topics/sla.topic';
