import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { RenamedTo } from '@itsm/platform/config';
import type { SlaSettings } from './application/sla.tokens';

/** The SLA context's own settings (the env fragment; values validated at boot). */
export const SlaEnv = Type.Object({
  SLA_POLICY_POLL_MS: Type.Integer({ minimum: 500, maximum: 600_000, default: 5_000 }),
  SLA_CHECKPOINT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 1_000 }),
  SLA_FIRE_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
  /** Seeds the demo calendars and definitions when the policy set is empty (compose, demos). */
  SLA_SEED_DEMO_POLICIES: Type.Boolean({ default: false }),
  // The SLA "catalog" became the SLA policies (the word is the service catalogue's now).
  SLA_CATALOG_POLL_MS: RenamedTo('SLA_POLICY_POLL_MS'),
  SLA_SEED_DEMO_CATALOG: RenamedTo('SLA_SEED_DEMO_POLICIES'),
});
export type SlaEnv = Static<typeof SlaEnv>;

export function toSlaSettings(env: SlaEnv): SlaSettings {
  return { policyPollMs: env.SLA_POLICY_POLL_MS, checkpointMs: env.SLA_CHECKPOINT_MS, fireBatchSize: env.SLA_FIRE_BATCH_SIZE };
}
