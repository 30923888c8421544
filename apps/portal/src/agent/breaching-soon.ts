/**
 * "Breaching soon" follows the server's rule, not one of the portal's own: reporting's slaStatus
 * (libs/reporting sla-status.ts) lists the live clocks breached or at risk now (a running clock
 * past a warning of its definition at 75 % or more, a paused one having used 75 % of its target),
 * breached first, then least time to breach, paused last. This module turns its answer into one row
 * per incident (its most urgent clock) and says whether the server's limit cut the list.
 */
export interface SlaAlert {
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly clockId: string;
  readonly definitionName: string;
  readonly target: 'response' | 'resolution';
  readonly state: 'running' | 'paused' | 'stopped' | 'canceled';
  readonly dueAt: string;
  readonly breached: boolean;
  readonly atRisk: boolean;
  /** dueAt - now in ms (negative once breached); null while paused. */
  readonly timeToBreachMs: number | null;
  readonly warningPercent: number | null;
}

export interface SlaStatusAnswer {
  readonly clocks: readonly SlaAlert[];
  /** Every breached or at-risk clock counted per definition (not cut by the limit). */
  readonly perDefinition: readonly { readonly breached: number; readonly atRisk: number }[];
}

export interface BreachingIncident {
  readonly ticketId: string;
  readonly ticketNumber: string;
  /** Its most urgent clock (the server's order). */
  readonly clock: SlaAlert;
  /** Its other clocks breached or at risk. */
  readonly otherClocks: number;
}

/** One row per incident in the server's order (most urgent first); `truncated` when the server listed fewer clocks than it counted. */
export function breachingIncidents(status: SlaStatusAnswer): { incidents: BreachingIncident[]; truncated: boolean } {
  const byTicket = new Map<string, { ticketId: string; ticketNumber: string; clock: SlaAlert; otherClocks: number }>();
  for (const clock of status.clocks) {
    const seen = byTicket.get(clock.ticketId);
    if (seen === undefined) byTicket.set(clock.ticketId, { ticketId: clock.ticketId, ticketNumber: clock.ticketNumber, clock, otherClocks: 0 });
    else seen.otherClocks += 1;
  }
  const counted = status.perDefinition.reduce((sum, entry) => sum + entry.breached + entry.atRisk, 0);
  return { incidents: [...byTicket.values()], truncated: counted > status.clocks.length };
}

/** How a row shows its clock: breached, at risk while running, or at risk while paused. */
export type BreachTone = 'breached' | 'warning' | 'paused';

export const breachTone = (clock: Pick<SlaAlert, 'breached' | 'state'>): BreachTone => (clock.breached ? 'breached' : clock.state === 'paused' ? 'paused' : 'warning');
