import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { DEFAULT_MAJOR_INCIDENT_RULES } from './domain';
import type { IncidentSettings } from './application/incident.tokens';

/** The incident context's own settings (the env fragment; values validated at boot). */
export const IncidentEnv = Type.Object({
  INCIDENT_AUTO_CLOSE_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 7 }),
  INCIDENT_AUTO_CLOSE_INTERVAL_MS: Type.Integer({ minimum: 1_000, maximum: 86_400_000, default: 60_000 }),
  INCIDENT_MAJOR_CLUSTER_SIZE: Type.Integer({ minimum: 2, maximum: 1_000, default: 5 }),
  INCIDENT_MAJOR_CLUSTER_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 10_080, default: 60 }),
});
export type IncidentEnv = Static<typeof IncidentEnv>;

export function toIncidentSettings(env: IncidentEnv): IncidentSettings {
  return {
    autoCloseDays: env.INCIDENT_AUTO_CLOSE_DAYS,
    autoCloseIntervalMs: env.INCIDENT_AUTO_CLOSE_INTERVAL_MS,
    majorIncidentRules: {
      ...DEFAULT_MAJOR_INCIDENT_RULES,
      clusterSize: env.INCIDENT_MAJOR_CLUSTER_SIZE,
      clusterWindowMinutes: env.INCIDENT_MAJOR_CLUSTER_WINDOW_MINUTES,
    },
  };
}
