/**
 * Half-open UTC intervals [start, end) in epoch milliseconds: the one shape the calendar, the
 * conflict checks and the free-window search share, so "overlaps" and "covers" mean the same thing
 * in all three.
 */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sorted by start, overlapping or touching intervals joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && next.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    } else {
      merged.push(next);
    }
  }
  return merged;
}

/** Whether the union of `merged` (sorted, disjoint: see mergeIntervals) contains all of `window`. */
export function covers(merged: readonly Interval[], window: Interval): boolean {
  return merged.some((i) => i.start <= window.start && window.end <= i.end);
}

/** The common part of two sorted disjoint lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return out;
}

/** `from` minus the union of `busy` (both sorted; `busy` merged). */
export function subtractIntervals(from: readonly Interval[], busy: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const free of from) {
    let start = free.start;
    while (j < busy.length && (busy[j] as Interval).end <= start) j += 1;
    for (let k = j; k < busy.length && (busy[k] as Interval).start < free.end; k += 1) {
      const b = busy[k] as Interval;
      if (b.start > start) out.push({ start, end: b.start });
      start = Math.max(start, b.end);
    }
    if (start < free.end) out.push({ start, end: free.end });
  }
  return out;
}
