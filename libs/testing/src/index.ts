export * from './lib/expect-eventually';
export * from './lib/probe-topic';
export * from './lib/peers/kafka-peer';
export * from './lib/peers/mongo-peer';
export * from './lib/peers/test-peers';
export * from './lib/seeded-random';
export * from './lib/in-memory-tracing';
