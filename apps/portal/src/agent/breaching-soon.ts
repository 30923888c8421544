import type { IncidentSummary, SlaClock } from '../api/types';
import { slaTone } from '../sla/sla-status';

const AT_RISK = ['warning', 'critical', 'breached'];

/** The clock of an incident closest to (or furthest past) its breach among its running clocks at risk or breached. */
export function mostUrgentClock(incident: IncidentSummary): SlaClock | undefined {
  const risky = incident.slas.filter((clock) => clock.running && clock.stoppedAt === null && AT_RISK.includes(slaTone(clock)));
  return [...risky].sort((a, b) => a.remainingSeconds - b.remainingSeconds)[0];
}

/** "Breaching soon": the incidents with a running clock at risk or breached, most urgent (least time left) first. */
export function breachingSoon(incidents: readonly IncidentSummary[]): IncidentSummary[] {
  return incidents
    .flatMap((incident) => {
      const clock = mostUrgentClock(incident);
      return clock === undefined ? [] : [{ incident, clock }];
    })
    .sort((a, b) => a.clock.remainingSeconds - b.clock.remainingSeconds || a.incident.number.localeCompare(b.incident.number))
    .map((entry) => entry.incident);
}
