import type { SlaClock } from './derive-clocks';

export const CLOCK_CHANGE_KINDS = ['attached', 'detached', 'changed'] as const;
export type ClockChangeKind = (typeof CLOCK_CHANGE_KINDS)[number];

/** How one clock of one open ticket would differ under proposed definitions or calendars. */
export interface ClockChange {
  readonly ticketId: string;
  readonly number: string;
  readonly definitionId: string;
  readonly clockId: string;
  readonly change: ClockChangeKind;
  readonly before: SlaClock | null;
  readonly after: SlaClock | null;
}

function sameClock(a: SlaClock, b: SlaClock): boolean {
  return a.stage === b.stage && a.breachAt === b.breachAt && a.elapsedMs === b.elapsedMs && a.targetMs === b.targetMs && a.timeZone === b.timeZone;
}

/** The differences between a ticket's clocks now and under a proposal, both derived at the same instant. */
export function diffClocks(ticketId: string, number: string, before: readonly SlaClock[], after: readonly SlaClock[]): ClockChange[] {
  const changes: ClockChange[] = [];
  const live = (clocks: readonly SlaClock[]): Map<string, SlaClock> => new Map(clocks.filter((c) => c.stage !== 'cancelled').map((c) => [c.clockId, c]));
  const old = live(before);
  const next = live(after);
  for (const [clockId, clock] of next) {
    const previous = old.get(clockId);
    if (previous === undefined) changes.push({ ticketId, number, definitionId: clock.definitionId, clockId, change: 'attached', before: null, after: clock });
    else if (!sameClock(previous, clock)) changes.push({ ticketId, number, definitionId: clock.definitionId, clockId, change: 'changed', before: previous, after: clock });
  }
  for (const [clockId, clock] of old) {
    if (!next.has(clockId)) changes.push({ ticketId, number, definitionId: clock.definitionId, clockId, change: 'detached', before: clock, after: null });
  }
  return changes;
}
