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

/**
 * One day's amounts of one family and value(s) (`a`, `b`: '' where the family has fewer dimensions),
 * sparse: per measure present, its non-zero quarter-hour slots as [slot, amount] pairs in slot
 * order, and the day's total (a report period covering the whole UTC day adds the total, no slots).
 */
export interface DayRollup {
  readonly day: number;
  readonly family: string;
  readonly a: string;
  readonly b: string;
  /** Per measure present, its non-zero slots: [slot, amount, slot, amount, ...], slots ascending. */
  readonly slots: Partial<Record<IncidentMeasure, number[]>>;
  /** Per measure present, the day's total (the sum of its slots). */
  readonly totals: Partial<Record<IncidentMeasure, number>>;
}

/** The UTC day (days since the epoch) of an instant. */
export const dayOf = (at: number): number => Math.floor(at / DAY_MS);

/** The rollup keys (family, values) a contribution adds to: one per family. */
function* rollupKeys(dims: Contribution['dims']): Generator<{ family: string; a: string; b: string }> {
  for (const family of ROLLUP_FAMILIES) {
    yield { family: family.name, a: family.dims[0] === undefined ? '' : dims[family.dims[0]], b: family.dims[1] === undefined ? '' : dims[family.dims[1]] };
  }
}

/** The rollups of `day` from every contribution at an instant of that day (others are ignored). */
export function rollDay(day: number, contributions: Iterable<Contribution>): DayRollup[] {
  const start = day * DAY_MS;
  const dense = new Map<string, { family: string; a: string; b: string; measures: Map<IncidentMeasure, Float64Array> }>();
  for (const contribution of contributions) {
    const slot = Math.floor((contribution.at - start) / SLOT_MS);
    if (slot < 0 || slot >= SLOTS_PER_DAY) continue;
    for (const key of rollupKeys(contribution.dims)) {
      const id = `${key.family}\u0000${key.a}\u0000${key.b}`;
      let rollup = dense.get(id);
      if (rollup === undefined) dense.set(id, (rollup = { ...key, measures: new Map() }));
      let slots = rollup.measures.get(contribution.measure);
      if (slots === undefined) rollup.measures.set(contribution.measure, (slots = new Float64Array(SLOTS_PER_DAY)));
      slots[slot] = (slots[slot] ?? 0) + contribution.value;
    }
  }
  return [...dense.values()].map(({ family, a, b, measures }) => {
    const slots: Partial<Record<IncidentMeasure, number[]>> = {};
    const totals: Partial<Record<IncidentMeasure, number>> = {};
    for (const measure of INCIDENT_MEASURES) {
      const amounts = measures.get(measure);
      if (amounts === undefined) continue;
      const pairs: number[] = [];
      let total = 0;
      amounts.forEach((amount, slot) => {
        if (amount === 0) return;
        pairs.push(slot, amount);
        total += amount;
      });
      slots[measure] = pairs;
      totals[measure] = total;
    }
    return { day, family, a, b, slots, totals };
  });
}

/**
 * The UTC days of `buckets` (sorted, contiguous) not wholly inside one of them: a boundary falls
 * inside the day, so a report sums their slots; every other day's totals suffice.
 */
export function slotDays(buckets: readonly PeriodBucket[]): number[] {
  const boundaries = [...buckets.map((b) => b.start), ...buckets.slice(-1).map((b) => b.end)];
  return [...new Set(boundaries.filter((at) => at % DAY_MS !== 0).map(dayOf))].sort((a, b) => a - b);
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
  const rowOf = (index: number, group: string | null): TotalsRow => {
    const key = `${index}\u0000${group ?? ''}`;
    let row = rows.get(key);
    if (row === undefined) rows.set(key, (row = { period: buckets[index] as PeriodBucket, group, totals: zeroTotals() }));
    return row;
  };
  /** The bucket holding the instant `at` (from `from` on), or -1. */
  const bucketAt = (at: number, from: number): number => {
    let index = from;
    while (index < buckets.length && (buckets[index] as PeriodBucket).end <= at) index += 1;
    const bucket = buckets[index];
    return bucket === undefined || at < bucket.start ? -1 : index;
  };
  for (const rollup of rollups) {
    const dayStart = rollup.day * DAY_MS;
    if (dayStart >= last || dayStart + DAY_MS <= first) continue;
    const group = groupField === null ? null : rollup[groupField];
    const whole = bucketAt(dayStart, 0);
    if (whole >= 0 && (buckets[whole] as PeriodBucket).end >= dayStart + DAY_MS) {
      // The whole UTC day falls in one period: its totals, no slots.
      for (const [measure, total] of Object.entries(rollup.totals) as [IncidentMeasure, number][]) {
        if (total !== 0) rowOf(whole, group).totals[measure] += total;
      }
      continue;
    }
    for (const [measure, pairs] of Object.entries(rollup.slots) as [IncidentMeasure, number[]][]) {
      let index = 0;
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const at = dayStart + (pairs[i] as number) * SLOT_MS;
        const amount = pairs[i + 1] as number;
        if (at < first || at >= last || amount === 0) continue;
        const found = bucketAt(at, index);
        if (found < 0) continue;
        index = found;
        rowOf(found, group).totals[measure] += amount;
      }
    }
  }
  return [...rows.values()].sort((x, y) => x.period.start - y.period.start || (x.group ?? '').localeCompare(y.group ?? ''));
}
