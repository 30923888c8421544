import { DAY_MS } from '@itsm/recurrence';
import { DIMENSIONS, INCIDENT_MEASURES } from './measures';
import type { Contribution, Dimension, IncidentMeasure } from './measures';
import { reportingError, ReportingErrorCode } from './reporting.errors';

/**
 * Rollups keep each UTC day's amounts in quarter-hour slots: every time zone's midnight (and hour)
 * falls on a quarter hour, so a day, week or month in any zone is a whole number of slots and a
 * report sums slots exactly, never pro-rating.
 */
export const SLOT_MS = 15 * 60_000;
export const SLOTS_PER_DAY = DAY_MS / SLOT_MS;

/**
 * A family of rollups: the amounts of everything (`all`), per value of one dimension, or per pair of
 * values of two (`group|supplier`: a report grouped by one and filtered on the other).
 */
export interface RollupFamily {
  readonly name: string;
  readonly dims: readonly Dimension[];
}

export const ROLLUP_FAMILIES: readonly RollupFamily[] = [
  { name: 'all', dims: [] },
  ...DIMENSIONS.map((dim) => ({ name: dim, dims: [dim] })),
  ...DIMENSIONS.flatMap((first, i) => DIMENSIONS.slice(i + 1).map((second) => ({ name: `${first}|${second}`, dims: [first, second] }))),
];

/** One day's amounts of one family and value(s) (`a`, `b`: '' where the family has fewer dimensions). */
export interface DayRollup {
  readonly day: number;
  readonly family: string;
  readonly a: string;
  readonly b: string;
  /** Per measure present, its SLOTS_PER_DAY slot amounts. */
  readonly measures: Partial<Record<IncidentMeasure, number[]>>;
}

/** The UTC day (days since the epoch) of an instant. */
export const dayOf = (at: number): number => Math.floor(at / DAY_MS);

/** The rollups of `day` from every contribution at an instant of that day (others are ignored). */
export function rollDay(day: number, contributions: Iterable<Contribution>): DayRollup[] {
  const start = day * DAY_MS;
  const rollups = new Map<string, DayRollup>();
  for (const contribution of contributions) {
    const slot = Math.floor((contribution.at - start) / SLOT_MS);
    if (slot < 0 || slot >= SLOTS_PER_DAY) continue;
    for (const family of ROLLUP_FAMILIES) {
      const a = family.dims[0] === undefined ? '' : contribution.dims[family.dims[0]];
      const b = family.dims[1] === undefined ? '' : contribution.dims[family.dims[1]];
      const key = `${family.name}\u0000${a}\u0000${b}`;
      let rollup = rollups.get(key);
      if (rollup === undefined) rollups.set(key, (rollup = { day, family: family.name, a, b, measures: {} }));
      const slots = (rollup.measures[contribution.measure] ??= new Array<number>(SLOTS_PER_DAY).fill(0));
      slots[slot] = (slots[slot] ?? 0) + contribution.value;
    }
  }
  return [...rollups.values()];
}

/** Which rollups answer a report: the family, the value(s) it is pinned to, and which value is the report's group. */
export interface RollupSelection {
  readonly family: string;
  readonly a?: string;
  readonly b?: string;
  /** The rollup field holding the group's value, or null for one row per period. */
  readonly groupField: 'a' | 'b' | null;
}

/**
 * The rollups of a report grouped by `groupBy` (or not) and filtered on one dimension's value (or
 * not): one dimension's family, or the pair's when both are given and differ.
 */
export function selectRollups(groupBy: Dimension | null, filter: { readonly dimension: Dimension; readonly value: string } | null): RollupSelection {
  if (groupBy === null && filter === null) return { family: 'all', a: '', b: '', groupField: null };
  if (filter === null) return { family: groupBy as Dimension, b: '', groupField: 'a' };
  if (groupBy === null || groupBy === filter.dimension) return { family: filter.dimension, a: filter.value, b: '', groupField: groupBy === null ? null : 'a' };
  const groupFirst = DIMENSIONS.indexOf(groupBy) < DIMENSIONS.indexOf(filter.dimension);
  const family = groupFirst ? `${groupBy}|${filter.dimension}` : `${filter.dimension}|${groupBy}`;
  return groupFirst ? { family, b: filter.value, groupField: 'a' } : { family, a: filter.value, groupField: 'b' };
}

/** One period of a report: its label (2026-03-01, 2026-W09, 2026-03) and its instants [start, end). */
export interface PeriodBucket {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

export type MeasureTotals = Record<IncidentMeasure, number>;

export interface TotalsRow {
  readonly period: PeriodBucket;
  /** The group's value ('' for none), or null when the report is not grouped. */
  readonly group: string | null;
  readonly totals: MeasureTotals;
}

const zeroTotals = (): MeasureTotals => Object.fromEntries(INCIDENT_MEASURES.map((measure) => [measure, 0])) as MeasureTotals;

/**
 * Sums the slots of `rollups` into `buckets` (sorted, contiguous, on slot boundaries) per group:
 * one row per period and group that has any amount, in period then group order.
 */
export function sumRollups(rollups: Iterable<DayRollup>, buckets: readonly PeriodBucket[], groupField: 'a' | 'b' | null): TotalsRow[] {
  for (const bucket of buckets) {
    if (bucket.start % SLOT_MS !== 0 || bucket.end % SLOT_MS !== 0) throw reportingError(ReportingErrorCode.InvalidPeriod, `the period ${bucket.label} does not start and end on a quarter hour`, { period: bucket.label });
  }
  const first = buckets[0]?.start ?? 0;
  const last = buckets.at(-1)?.end ?? 0;
  const rows = new Map<string, TotalsRow>();
  for (const rollup of rollups) {
    const dayStart = rollup.day * DAY_MS;
    if (dayStart >= last || dayStart + DAY_MS <= first) continue;
    const group = groupField === null ? null : rollup[groupField];
    let index = 0;
    for (let slot = 0; slot < SLOTS_PER_DAY; slot += 1) {
      const at = dayStart + slot * SLOT_MS;
      if (at < first || at >= last) continue;
      while (index < buckets.length && (buckets[index] as PeriodBucket).end <= at) index += 1;
      const bucket = buckets[index];
      if (bucket === undefined || at < bucket.start) continue;
      let row: TotalsRow | undefined;
      for (const [measure, slots] of Object.entries(rollup.measures) as [IncidentMeasure, number[]][]) {
        const amount = slots[slot] ?? 0;
        if (amount === 0) continue;
        if (row === undefined) {
          const key = `${index}\u0000${group ?? ''}`;
          row = rows.get(key);
          if (row === undefined) rows.set(key, (row = { period: bucket, group, totals: zeroTotals() }));
        }
        row.totals[measure] += amount;
      }
    }
  }
  return [...rows.values()].sort((x, y) => x.period.start - y.period.start || (x.group ?? '').localeCompare(y.group ?? ''));
}
