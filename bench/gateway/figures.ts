/** bench:gateway's figures: per round, best and median rounds per gateway, hive/apollo ratios, the summary lines. */
import type { CpuShare, LatencySummary } from '@itsm/bench-kit';
import type { RoundResult } from './load-protocol';

export type Side = 'apollo' | 'hive';
export type PartName = 'real' | 'stub';

/** Above this share of the CPUs taken by other processes in any round, the summary says the figures are noisy. */
const OTHERS_CPU_WARN_PCT = 10;

export interface Round {
  readonly rps: number;
  readonly latency: LatencySummary;
  readonly errors: number;
  /** CPU time (user + system) of this process per answered request: the gateway's alone in the stub part, with the subgraphs' in the real part. */
  readonly cpuMsPerRequest: number;
  /** Percent of the machine's CPUs other processes (not this bench's) used during the round. */
  readonly othersCpuPct: number;
}

export const toRound = (result: RoundResult, cpu: NodeJS.CpuUsage, share: CpuShare): Round => ({
  rps: Math.round((result.requests / result.elapsedMs) * 1000),
  latency: result.latency,
  errors: result.errors,
  cpuMsPerRequest: +((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests)).toFixed(3),
  othersCpuPct: share.othersPct,
});

export const show = (r: Round): string => `${r.rps} rps, p50 ${r.latency.p50Ms} ms, p95 ${r.latency.p95Ms} ms, p99 ${r.latency.p99Ms} ms, ${r.cpuMsPerRequest} CPU ms/req, ${r.errors} errors, others ${r.othersCpuPct}% CPU`;
const best = (rounds: readonly Round[]): Round => rounds.reduce((a, b) => (b.rps > a.rps ? b : a));
/** The round of median throughput (the lower middle one for an even count). */
const median = (rounds: readonly Round[]): Round => [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor((rounds.length - 1) / 2)]!;
const ratio = (hive: number, apollo: number): number => +(hive / apollo).toFixed(3);
const medianOf = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : +((sorted[middle - 1]! + sorted[middle]!) / 2).toFixed(3);
};

/** The figures of one part for the summary and the JSON line. */
export function figures(part: PartName, rounds: Record<Side, Round[]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const side of ['apollo', 'hive'] as const) {
    const b = best(rounds[side]);
    const m = median(rounds[side]);
    Object.assign(out, {
      [`${part}_${side}_rps`]: b.rps,
      [`${part}_${side}_p50_ms`]: b.latency.p50Ms,
      [`${part}_${side}_p95_ms`]: b.latency.p95Ms,
      [`${part}_${side}_p99_ms`]: b.latency.p99Ms,
      [`${part}_${side}_median_rps`]: m.rps,
      [`${part}_${side}_median_p95_ms`]: m.latency.p95Ms,
      [`${part}_${side}_median_cpu_ms_per_request`]: medianOf(rounds[side].map((r) => r.cpuMsPerRequest)),
      [`${part}_${side}_errors`]: rounds[side].reduce((sum, r) => sum + r.errors, 0),
    });
  }
  const [bh, ba, mh, ma] = [best(rounds.hive), best(rounds.apollo), median(rounds.hive), median(rounds.apollo)];
  Object.assign(out, {
    [`${part}_rps_ratio`]: ratio(bh.rps, ba.rps),
    [`${part}_median_rps_ratio`]: ratio(mh.rps, ma.rps),
    [`${part}_p95_ratio`]: ratio(bh.latency.p95Ms, ba.latency.p95Ms),
    [`${part}_median_p95_ratio`]: ratio(mh.latency.p95Ms, ma.latency.p95Ms),
    // CPU time per request is the figure least disturbed when other processes share the CPUs.
    [`${part}_cpu_per_request_ratio`]: ratio(out[`${part}_hive_median_cpu_ms_per_request`]!, out[`${part}_apollo_median_cpu_ms_per_request`]!),
    [`${part}_max_others_cpu_pct`]: Math.max(...rounds.apollo.map((r) => r.othersCpuPct), ...rounds.hive.map((r) => r.othersCpuPct)),
  });
  return out;
}

export function summary(part: PartName, rounds: Record<Side, Round[]>, out: Record<string, number>): void {
  const cpu = part === 'stub' ? 'the gateway process alone' : 'one process: gateway and real subgraphs';
  console.log(`${part}: best round / median round of ${rounds.apollo.length} (CPU ms/req: ${cpu})`);
  for (const side of ['apollo', 'hive'] as const) {
    console.log(`  ${side.padEnd(6)} best ${show(best(rounds[side]))}; median ${median(rounds[side]).rps} rps, p95 ${median(rounds[side]).latency.p95Ms} ms; CPU ms/req median of rounds ${out[`${part}_${side}_median_cpu_ms_per_request`]}`);
  }
  console.log(
    `  hive/apollo: rps ${out[`${part}_rps_ratio`]} (median ${out[`${part}_median_rps_ratio`]}), p95 ${out[`${part}_p95_ratio`]} (median ${out[`${part}_median_p95_ratio`]}), CPU per request ${out[`${part}_cpu_per_request_ratio`]}`,
  );
  const others = out[`${part}_max_others_cpu_pct`] ?? NaN;
  if (others > OTHERS_CPU_WARN_PCT) console.log(`  NOTE: other processes took up to ${others}% of the CPUs during a round: the machine was shared, these figures are noisy`);
}
