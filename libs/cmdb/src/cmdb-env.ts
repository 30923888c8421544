import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import type { CmdbSettings } from './application/cmdb.tokens';

/** The CMDB context's own settings (the env fragment; values validated at boot). */
export const CmdbEnv = Type.Object({
  /** Names this replica's impact-index consumer group (`cmdb-index-<id>`: every replica reads every CMDB event). Defaults to the host name (the pod name). */
  CMDB_INSTANCE_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' })),
  /** The deepest impact walk a caller may ask for. */
  CMDB_IMPACT_MAX_DEPTH: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  /** Seeds the demo class library use and a few hundred demo CIs when the CMDB is empty (compose, demos). */
  CMDB_SEED_DEMO_DATA: Type.Boolean({ default: false }),
  /** Seconds a discovery feed record's signature timestamp may differ from the consumer's clock (its replay window; receipts are kept twice as long). */
  CMDB_DISCOVERY_TOLERANCE_SECONDS: Type.Integer({ minimum: 60, maximum: 86_400, default: 900 }),
});
export type CmdbEnv = Static<typeof CmdbEnv>;

/** `hostname`: the process's host name (os.hostname(): the pod name on Kubernetes). */
export function toCmdbSettings(env: CmdbEnv, hostname: string): CmdbSettings {
  const instanceId = env.CMDB_INSTANCE_ID ?? hostname;
  return { instanceId: instanceId.replace(/[^A-Za-z0-9._-]/g, '-'), impactMaxDepth: env.CMDB_IMPACT_MAX_DEPTH, discoveryToleranceSeconds: env.CMDB_DISCOVERY_TOLERANCE_SECONDS };
}
