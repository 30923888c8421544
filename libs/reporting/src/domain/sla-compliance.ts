import { DAY_MS } from '@itsm/recurrence';
import { dayOf, SLOT_MS } from './rollups';
import type { PeriodBucket } from './rollups';
import { reportingError, ReportingErrorCode } from './reporting.errors';
import type { AgreementKind, SlaClockFact, SlaTarget, SlaTicketType } from './sla-clock-fact';

/** What SLA compliance is grouped by: the clock's definition, kind (SLA/OLA/UC), ticket type, supplier organisation (its segment's), target. */
export const SLA_DIMENSIONS = ['definition', 'kind', 'ticketType', 'supplier', 'target'] as const;
export type SlaDimension = (typeof SLA_DIMENSIONS)[number];

/** A compliance report's filter: every given field must match (the supplier: the segment's organisation, '' for none). */
export interface SlaFilter {
  readonly definitionId?: string;
  readonly kind?: AgreementKind;
  readonly ticketType?: SlaTicketType;
  readonly supplierOrgId?: string;
  readonly target?: SlaTarget;
}

/** Stopped clocks' amounts: met, breached, the sums of their business time to stop (elapsed + paused) and of their elapsed business time. */
export type SlaAmounts = [met: number, breached: number, businessMs: number, elapsedMs: number];

/** One combination of a day's stopped clocks' values, its day total and its amounts per quarter-hour slot with any. */
export interface SlaDayCell {
  readonly definition: string;
  readonly kind: string;
  readonly ticketType: string;
  readonly supplier: string;
  readonly target: string;
  readonly total: SlaAmounts;
  /** [slot, ...amounts] for each slot (of SLOT_MS from the UTC day's start) with a stop; absent when read without them. */
  readonly slots?: [number, ...SlaAmounts][];
}

/** One UTC day of stopped clocks (days since the epoch). */
export interface SlaDay {
  readonly day: number;
  readonly cells: readonly SlaDayCell[];
}

/** The UTC day a clock counts in: its latest stop's (none unless stopped: canceled and live clocks count nowhere). */
export const complianceDayOf = (fact: Pick<SlaClockFact, 'state' | 'stoppedAt'>): number | null => (fact.state === 'stopped' && fact.stoppedAt !== null ? dayOf(fact.stoppedAt) : null);

const add = (into: SlaAmounts, from: readonly number[]): void => {
  for (let i = 0; i < 4; i += 1) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
};

/** The day's cells from the clocks stopped on it (others ignored). */
export function rollSlaDay(day: number, facts: Iterable<SlaClockFact>): SlaDay {
  const cells = new Map<string, { cell: SlaDayCell; slots: Map<number, SlaAmounts> }>();
  for (const fact of facts) {
    if (complianceDayOf(fact) !== day || fact.stoppedAt === null) continue;
    const values = { definition: fact.definitionId, kind: fact.kind, ticketType: fact.ticketType, supplier: fact.segmentOrgId ?? '', target: fact.target };
    const key = JSON.stringify(values);
    let entry = cells.get(key);
    if (entry === undefined) cells.set(key, (entry = { cell: { ...values, total: [0, 0, 0, 0] }, slots: new Map() }));
    const amounts: SlaAmounts = [fact.outcome === 'met' ? 1 : 0, fact.outcome === 'breached' ? 1 : 0, fact.elapsedMs + fact.pausedMs, fact.elapsedMs];
    add(entry.cell.total, amounts);
    const slot = Math.floor((fact.stoppedAt - day * DAY_MS) / SLOT_MS);
    const slotAmounts = entry.slots.get(slot) ?? [0, 0, 0, 0];
    add(slotAmounts, amounts);
    entry.slots.set(slot, slotAmounts);
  }
  return {
    day,
    cells: [...cells.values()].map(({ cell, slots }) => ({ ...cell, slots: [...slots.entries()].sort(([a], [b]) => a - b).map(([slot, amounts]) => [slot, ...amounts] as [number, ...SlaAmounts]) })),
  };
}

/** The UTC days a report over `buckets` needs slot by slot: those a period starts or ends inside (the others are read by their totals). */
export function partialDays(buckets: readonly PeriodBucket[]): Set<number> {
  const days = new Set<number>();
  for (const bucket of buckets) {
    if (bucket.start % SLOT_MS !== 0 || bucket.end % SLOT_MS !== 0) throw reportingError(ReportingErrorCode.InvalidPeriod, `the period ${bucket.label} does not start and end on a quarter hour`, { period: bucket.label });
    for (const edge of [bucket.start, bucket.end]) if (edge % DAY_MS !== 0) days.add(dayOf(edge));
  }
  return days;
}

const FILTER_FIELDS = [
  ['definitionId', 'definition'],
  ['kind', 'kind'],
  ['ticketType', 'ticketType'],
  ['supplierOrgId', 'supplier'],
  ['target', 'target'],
] as const;

const matches = (cell: SlaDayCell, filter: SlaFilter): boolean => FILTER_FIELDS.every(([field, dim]) => filter[field] === undefined || filter[field] === cell[dim]);

/** One row of a compliance report: a period (and group), stopped clocks met and breached, compliance and means. */
export interface SlaComplianceRow {
  readonly period: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly group: string | null;
  readonly met: number;
  readonly breached: number;
  /** met / (met + breached), null when none stopped. */
  readonly compliance: number | null;
  /** Mean business time from start to stop (elapsed + paused), ms. */
  readonly meanBusinessMs: number | null;
  /** Mean elapsed business time (paused time not counted), ms. */
  readonly meanElapsedMs: number | null;
}

/**
 * The compliance rows of `days` over `buckets` (sorted, contiguous, on quarter hours) for the cells
 * matching `filter`, per `groupBy` value: a day inside one period adds its totals, a day a period
 * starts or ends inside adds its slots (it must have been read with them). One row per period and
 * group with a stopped clock, in period then group order.
 */
export function slaComplianceRows(days: Iterable<SlaDay>, buckets: readonly PeriodBucket[], groupBy: SlaDimension | null, filter: SlaFilter): SlaComplianceRow[] {
  const sums = new Map<string, { bucket: PeriodBucket; index: number; group: string | null; amounts: SlaAmounts }>();
  const into = (index: number, bucket: PeriodBucket, cell: SlaDayCell): SlaAmounts => {
    const group = groupBy === null ? null : cell[groupBy];
    const key = `${index}\u0000${group ?? ''}`;
    let sum = sums.get(key);
    if (sum === undefined) sums.set(key, (sum = { bucket, index, group, amounts: [0, 0, 0, 0] }));
    return sum.amounts;
  };
  for (const day of days) {
    const start = day.day * DAY_MS;
    const end = start + DAY_MS;
    buckets.forEach((bucket, index) => {
      if (bucket.end <= start || bucket.start >= end) return;
      const whole = bucket.start <= start && bucket.end >= end;
      for (const cell of day.cells) {
        if (!matches(cell, filter)) continue;
        if (whole) {
          add(into(index, bucket, cell), cell.total);
          continue;
        }
        if (cell.slots === undefined) throw new Error(`reporting: day ${day.day} was read without its slots`);
        for (const [slot, ...amounts] of cell.slots) {
          const at = start + slot * SLOT_MS;
          if (at >= bucket.start && at < bucket.end) add(into(index, bucket, cell), amounts);
        }
      }
    });
  }
  const mean = (sum: number, count: number): number | null => (count === 0 ? null : Math.round(sum / count));
  return [...sums.values()]
    .sort((x, y) => x.index - y.index || (x.group ?? '').localeCompare(y.group ?? ''))
    .map(({ bucket, group, amounts: [met, breached, businessMs, elapsedMs] }) => ({
      period: bucket.label,
      periodStart: bucket.start,
      periodEnd: bucket.end,
      group,
      met,
      breached,
      compliance: met + breached === 0 ? null : met / (met + breached),
      meanBusinessMs: mean(businessMs, met + breached),
      meanElapsedMs: mean(elapsedMs, met + breached),
    }));
}
