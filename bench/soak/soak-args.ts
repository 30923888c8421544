/**
 * bench:soak's settings: BENCH_SOAK_* variables, each also a flag (`--duration 2m` is
 * BENCH_SOAK_DURATION_S=120); flags win. Durations take `s` or `m` suffixes on the command line.
 */
import { envSchema, loadConfig, MongoEnv } from '@itsm/platform/config';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

export const SoakEnv = Type.Object({
  /** The measured load's length. */
  BENCH_SOAK_DURATION_S: Type.Integer({ minimum: 120, maximum: 86_400, default: 600 }),
  /**
   * Requests per second, open loop. The default keeps the all-in-one near a fifth of one core (about
   * 30 ms of CPU per request through the gateway), so a shared machine can hold it for the whole run.
   */
  BENCH_SOAK_RATE: Type.Number({ minimum: 1, maximum: 500, default: 5 }),
  /** Left out of the verdict's memory and p99 figures; default 120 s (runs of 5 min or more), else 30 s. */
  BENCH_SOAK_WARMUP_S: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
  /** Figures per window; default 60 s (runs of 5 min or more), else 30 s. */
  BENCH_SOAK_WINDOW_S: Type.Optional(Type.Integer({ minimum: 10, maximum: 3_600 })),
  /** Memory samples of the platform process, every this many ms. */
  BENCH_SOAK_SAMPLE_MS: Type.Integer({ minimum: 500, maximum: 60_000, default: 2_000 }),
  /** A forced full collection in the platform process this often, then its live heap (heap-probe.ts). */
  BENCH_SOAK_PROBE_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 30_000 }),
  BENCH_SOAK_SEED: Type.Integer({ minimum: 0, default: 12 }),
});

export const SOAK_USAGE = 'usage: npm run bench:soak -- [--duration 10m|600s|600] [--rate 5] [--warmup 2m] [--window 60s] [--sample-ms 2000] [--probe-ms 30000] [--seed 12]';

const FLAGS: Readonly<Record<string, { readonly name: keyof Static<typeof SoakEnv>; readonly duration: boolean }>> = {
  '--duration': { name: 'BENCH_SOAK_DURATION_S', duration: true },
  '--rate': { name: 'BENCH_SOAK_RATE', duration: false },
  '--warmup': { name: 'BENCH_SOAK_WARMUP_S', duration: true },
  '--window': { name: 'BENCH_SOAK_WINDOW_S', duration: true },
  '--sample-ms': { name: 'BENCH_SOAK_SAMPLE_MS', duration: false },
  '--probe-ms': { name: 'BENCH_SOAK_PROBE_MS', duration: false },
  '--seed': { name: 'BENCH_SOAK_SEED', duration: false },
};

export class SoakUsageError extends Error {
  override readonly name = 'SoakUsageError';
}

/** `10m` -> "600", `90s` / `90` -> "90"; anything else is a usage error. */
function seconds(flag: string, value: string): string {
  const match = /^(\d+)(s|m)?$/.exec(value);
  if (match === null) throw new SoakUsageError(`${flag} wants whole seconds or minutes (e.g. 600, 600s, 10m), not "${value}"`);
  return String(Number(match[1]) * (match[2] === 'm' ? 60 : 1));
}

/** The flags as BENCH_SOAK_* values (both `--flag value` and `--flag=value`). */
export function flagsToEnv(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const known = FLAGS[flag];
    if (known === undefined) throw new SoakUsageError(`unknown argument "${arg}"`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new SoakUsageError(`${flag} needs a value`);
    out[known.name] = known.duration ? seconds(flag, value) : value;
  }
  return out;
}

export interface SoakSettings {
  readonly durationMs: number;
  readonly ratePerS: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly sampleMs: number;
  readonly probeMs: number;
  readonly seed: number;
  readonly mongoUrl: string | undefined;
  readonly mongoDbPrefix: string;
}

/** Validated settings (ConfigError or SoakUsageError otherwise): the warm-up and two windows fit in the run. */
export function soakSettings(argv: readonly string[], env: NodeJS.ProcessEnv): SoakSettings {
  const values = loadConfig(envSchema(MongoEnv, SoakEnv), { ...env, ...flagsToEnv(argv) });
  const duration = values.BENCH_SOAK_DURATION_S;
  const window = values.BENCH_SOAK_WINDOW_S ?? (duration >= 300 ? 60 : 30);
  const warmup = values.BENCH_SOAK_WARMUP_S ?? (duration >= 300 ? 120 : 30);
  if (warmup + 2 * window > duration) {
    throw new SoakUsageError(`the warm-up (${warmup} s) and two windows (${window} s each) must fit in the duration (${duration} s)`);
  }
  if ((duration - warmup) % window !== 0 || warmup % window !== 0) {
    throw new SoakUsageError(`the warm-up (${warmup} s) and the measured part (${duration - warmup} s) must be whole windows of ${window} s`);
  }
  return {
    durationMs: duration * 1000,
    ratePerS: values.BENCH_SOAK_RATE,
    warmupMs: warmup * 1000,
    windowMs: window * 1000,
    sampleMs: values.BENCH_SOAK_SAMPLE_MS,
    probeMs: values.BENCH_SOAK_PROBE_MS,
    seed: values.BENCH_SOAK_SEED,
    mongoUrl: values.MONGO_URL,
    mongoDbPrefix: values.MONGO_DB_PREFIX,
  };
}
