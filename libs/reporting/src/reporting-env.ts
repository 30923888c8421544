import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

/** The reporting context's own settings (the env fragment; values validated at boot). */
export const ReportingEnv = Type.Object({
  /** How often the rollups of the days changed facts touched are made again (ms): a report lags the events by about this. */
  REPORTING_ROLLUP_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 2_000 }),
  /** Dirty facts taken per rollup round. */
  REPORTING_ROLLUP_BATCH: Type.Integer({ minimum: 1, maximum: 100_000, default: 2_000 }),
});
export type ReportingEnv = Static<typeof ReportingEnv>;

export interface ReportingSettings {
  readonly rollupEveryMs: number;
  readonly rollupBatch: number;
}

export const toReportingSettings = (env: ReportingEnv): ReportingSettings => ({ rollupEveryMs: env.REPORTING_ROLLUP_MS, rollupBatch: env.REPORTING_ROLLUP_BATCH });
