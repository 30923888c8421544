// What several benches share: latency percentiles (bench:incident, bench:bus, bench:gateway), the CPU the host's other processes took.
export type { CpuShare } from './cpu';
export { cpuShare } from './cpu';
export type { LatencySummary } from './latency';
export { percentile, summarizeLatency } from './latency';
