import { DAY_MS } from '@itsm/recurrence';
import type { PeriodBucket } from './rollups';

/** The index of the period holding `at` (buckets sorted and contiguous), or -1 outside them. */
export function bucketIndexOf(buckets: readonly PeriodBucket[], at: number | null): number {
  if (at === null) return -1;
  let low = 0;
  let high = buckets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const bucket = buckets[middle] as PeriodBucket;
    if (at < bucket.start) high = middle - 1;
    else if (at >= bucket.end) low = middle + 1;
    else return middle;
  }
  return -1;
}

/**
 * Rows of a report computed from facts: one accumulator per period and group, created on first
 * use, answered in period then group order. `group` null: the report is not grouped.
 */
export class BucketRows<A> {
  private readonly rows = new Map<string, { index: number; group: string | null; acc: A }>();

  constructor(
    private readonly buckets: readonly PeriodBucket[],
    private readonly zero: () => A,
  ) {}

  /** The accumulator of the period holding `at` and `group`, or undefined when `at` is outside the report. */
  at(at: number | null, group: string | null): A | undefined {
    const index = bucketIndexOf(this.buckets, at);
    if (index < 0) return undefined;
    const key = `${index}\u0000${group ?? ''}`;
    let row = this.rows.get(key);
    if (row === undefined) this.rows.set(key, (row = { index, group, acc: this.zero() }));
    return row.acc;
  }

  /** Every row used, in period then group order. */
  entries(): { period: PeriodBucket; group: string | null; acc: A }[] {
    return [...this.rows.values()]
      .sort((x, y) => x.index - y.index || (x.group ?? '').localeCompare(y.group ?? ''))
      .map(({ index, group, acc }) => ({ period: this.buckets[index] as PeriodBucket, group, acc }));
  }
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
export const meanOf = (sum: number, count: number): number | null => (count === 0 ? null : Math.round(sum / count));

/** The nearest-rank percentile (`p` in (0, 100]) of `values`, or null for none: the smallest value with at least p% of them at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** `buckets` in runs of at most `maxDays` days (a longer period alone): what an export reads and answers at a time. */
export function* bucketChunks(buckets: Iterable<PeriodBucket>, maxDays: number): Generator<PeriodBucket[]> {
  let chunk: PeriodBucket[] = [];
  for (const bucket of buckets) {
    const start = chunk[0]?.start;
    if (start !== undefined && bucket.end - start > maxDays * DAY_MS) {
      yield chunk;
      chunk = [];
    }
    chunk.push(bucket);
  }
  if (chunk.length > 0) yield chunk;
}
