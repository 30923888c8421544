import type { MajorIncidentRules } from '../domain';

export const INCIDENT_SETTINGS = Symbol('INCIDENT_SETTINGS');

export interface IncidentSettings {
  /** A resolved incident closes itself this many days after resolution. */
  readonly autoCloseDays: number;
  /** How often the auto-close sweep runs. */
  readonly autoCloseIntervalMs: number;
  readonly majorIncidentRules: MajorIncidentRules;
}
