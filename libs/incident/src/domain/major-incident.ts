import type { Incident } from './incident';
import { isActive } from './incident';

/** When the platform proposes an incident as major (a manager then promotes or declines it). */
export interface MajorIncidentRules {
  /** Priorities that are proposed at once (default: P1). */
  readonly proposeAtPriorities: readonly number[];
  /** This many active incidents on one service or CI within the window propose each of them. */
  readonly clusterSize: number;
  readonly clusterWindowMinutes: number;
}

export const DEFAULT_MAJOR_INCIDENT_RULES: MajorIncidentRules = { proposeAtPriorities: [1], clusterSize: 5, clusterWindowMinutes: 60 };

/** Active incidents opened within the window that share a service or CI with the incident (itself included). */
export interface IncidentCluster {
  readonly targetId: string;
  readonly kind: 'service' | 'configuration_item';
  readonly count: number;
}

/** The reasons to propose the incident as major; empty when no rule matches or it was already considered. */
export function majorIncidentReasons(incident: Incident, clusters: readonly IncidentCluster[], rules: MajorIncidentRules): string[] {
  if (incident.major !== 'none' || !isActive(incident.state)) return [];
  const reasons: string[] = [];
  if (rules.proposeAtPriorities.includes(incident.priority)) reasons.push(`priority P${incident.priority}`);
  for (const cluster of clusters) {
    if (cluster.count >= rules.clusterSize) {
      reasons.push(`${cluster.count} active incidents on ${cluster.kind === 'service' ? 'service' : 'CI'} ${cluster.targetId} within ${rules.clusterWindowMinutes} min`);
    }
  }
  return reasons.slice(0, 10);
}
