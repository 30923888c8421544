// What other benches reuse of bench:cmdb (bench:change generates its CMDB with the same topology).
export type { GeneratedCi, Topology } from './topology';
export { generateTopology } from './topology';
export type { Latency } from './measure';
export { latency, round, showLatency } from './measure';
