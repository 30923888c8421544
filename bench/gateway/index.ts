// What other benches reuse of bench:gateway (bench:subscriptions: the stub subgraphs recorded from the real ones, the gateway, the mix's selections).
export { AFFECTED, SLAS } from './query-mix';
export { BENCH_AUDIENCE, BENCH_LIMITS, benchAuth, startHiveGateway, waitUntilServing } from './hive-gateway';
export type { BenchAuth, RunningGateway } from './hive-gateway';
export { startRealWorld } from './real-world';
export { recordStubData } from './recording';
export { StubSubgraphs } from './stub-subgraphs';
export type { StubData, StubStart } from './stub-subgraphs';
