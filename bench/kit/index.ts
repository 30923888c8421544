// What several benches share: latency percentiles (bench:incident, bench:bus, bench:gateway, bench:cmdb), the CPU the host's other processes took, the run-and-exit of a bench's main, a GraphQL POST over node:http.
export type { CpuShare } from './cpu';
export { cpuShare } from './cpu';
export type { LatencySummary } from './latency';
export { percentile, summarizeLatency } from './latency';
export { runBench } from './run-bench';
export type { Reply } from './http-post';
export { post } from './http-post';
