import type { RateLimit } from '@itsm/platform/resilience';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

/** The change context's own settings (the env fragment; values validated at boot). */
export const ChangeEnv = Type.Object({
  /** Seeds demo templates and changes in every state when the change context has none (compose, demos). */
  CHANGE_SEED_DEMO_DATA: Type.Boolean({ default: false }),
  /** The deployment gate's answers per pipeline token and replica: this many at once... */
  CHANGE_GATE_RATE_BURST: Type.Integer({ minimum: 1, maximum: 10_000, default: 30 }),
  /** ...then this many a minute (a token bucket). */
  CHANGE_GATE_RATE_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 60_000, default: 120 }),
});
export type ChangeEnv = Static<typeof ChangeEnv>;

/** What the change module is built from (beyond the kit's settings). */
export interface ChangeSettings {
  /** The deployment gate's rate per pipeline token (per replica); DEFAULT_GATE_RATE when absent (tests). */
  readonly gateRate?: RateLimit;
}

/** 30 at once, then 2 a second per token: a deploy asks once per target, a retry loop is bounded. */
export const DEFAULT_GATE_RATE: RateLimit = { burst: 30, perMinute: 120 };

export function toChangeSettings(env: ChangeEnv): ChangeSettings {
  return { gateRate: { burst: env.CHANGE_GATE_RATE_BURST, perMinute: env.CHANGE_GATE_RATE_PER_MINUTE } };
}
