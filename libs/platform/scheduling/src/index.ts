export * from './lib/timers';
export * from './lib/periodic-job';
export * from './lib/timer-claims';
export { InMemoryTimerClaimStore } from './lib/in-memory-timer-claims';
export * from './lib/partition-timer-wheel';
export { DueHeap } from './lib/due-heap';
export { ManualTime, settle } from './lib/manual-time';
export * from './lib/timer-partition-space';
export * from './lib/mongo-timer-claim-store';
