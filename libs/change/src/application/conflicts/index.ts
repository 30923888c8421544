export * from './conflict-graph';
