import type { IncidentSummary } from './api/types';

/** A list with `changed` applied: replaced in place, added first, or removed when it no longer belongs. */
export function applyChange(list: readonly IncidentSummary[], changed: IncidentSummary, belongs: boolean): IncidentSummary[] {
  const rest = list.filter((incident) => incident.id !== changed.id);
  if (!belongs) return rest;
  const at = list.findIndex((incident) => incident.id === changed.id);
  return at === -1 ? [changed, ...rest] : list.map((incident) => (incident.id === changed.id ? changed : incident));
}
