import { clockStanding, isLiveClock } from './sla-clock-fact';
import type { SlaClockFact } from './sla-clock-fact';

/** A live clock breached or at risk now. */
export interface SlaClockAlert {
  readonly fact: SlaClockFact;
  readonly breached: boolean;
  readonly atRisk: boolean;
  readonly timeToBreachMs: number | null;
}

/** The breached and at-risk clocks of one definition now. */
export interface SlaDefinitionCount {
  readonly definitionId: string;
  readonly definitionName: string;
  readonly breached: number;
  readonly atRisk: number;
}

export interface SlaStatus {
  /** Most urgent first: breached before at risk, then the least time to breach (the longest overdue first; paused last), at most `limit`. */
  readonly clocks: readonly SlaClockAlert[];
  /** Every breached or at-risk clock counted per definition (not cut by the limit), by definition id. */
  readonly perDefinition: readonly SlaDefinitionCount[];
}

/** The status of `facts` at `now` (the live ones breached or at risk). */
export function slaStatus(facts: Iterable<SlaClockFact>, now: number, limit: number): SlaStatus {
  const alerts: SlaClockAlert[] = [];
  const counts = new Map<string, { definitionId: string; definitionName: string; breached: number; atRisk: number }>();
  for (const fact of facts) {
    if (!isLiveClock(fact)) continue;
    const standing = clockStanding(fact, now);
    if (!standing.breached && !standing.atRisk) continue;
    alerts.push({ fact, ...standing });
    const count = counts.get(fact.definitionId) ?? { definitionId: fact.definitionId, definitionName: fact.definitionName, breached: 0, atRisk: 0 };
    if (standing.breached) count.breached += 1;
    else count.atRisk += 1;
    counts.set(fact.definitionId, count);
  }
  const urgency = (a: SlaClockAlert): number => a.timeToBreachMs ?? Number.MAX_SAFE_INTEGER;
  alerts.sort((x, y) => Number(y.breached) - Number(x.breached) || urgency(x) - urgency(y) || x.fact.key.localeCompare(y.fact.key));
  return { clocks: alerts.slice(0, limit), perDefinition: [...counts.values()].sort((x, y) => x.definitionId.localeCompare(y.definitionId)) };
}
