import { DAY_MS } from './civil-date';
import { assertTimeZone, offsetAt, wallToUtcWith } from './zoned-time';

const BLOCK_MS = 128 * DAY_MS;
const STEP_MS = 6 * 3_600_000;

interface Block {
  readonly first: number;
  /** Offset changes inside the block: instants (ms) and the offset from then on, ascending. */
  readonly at: readonly number[];
  readonly offsets: readonly number[];
}

/**
 * One zone's UTC offsets as a table of transitions, built lazily per 128-day block (ICU sampled every
 * 6 hours, each change located to the second by bisection) and then read by binary search: for code
 * that converts thousands of wall times (expanding recurring windows) where ICU per call dominates.
 * Assumes no two offset changes within 6 hours, true of every IANA zone in modern times.
 */
export class ZoneOffsets {
  private readonly blocks = new Map<number, Block>();

  constructor(readonly timeZone: string) {
    assertTimeZone(timeZone);
  }

  /** Milliseconds to add to UTC to get local wall time at `utcMs` (as offsetAt). */
  offsetAt(utcMs: number): number {
    const index = Math.floor(utcMs / BLOCK_MS);
    let block = this.blocks.get(index);
    if (block === undefined) {
      block = this.build(index * BLOCK_MS);
      this.blocks.set(index, block);
    }
    let offset = block.first;
    for (let i = 0; i < block.at.length && (block.at[i] as number) <= utcMs; i += 1) offset = block.offsets[i] as number;
    return offset;
  }

  /** The instant of a wall time (day number * DAY_MS + time of day), as wallToUtc. */
  wallToUtc(wallMs: number): number {
    return wallToUtcWith((utcMs) => this.offsetAt(utcMs), wallMs);
  }

  private build(start: number): Block {
    const first = offsetAt(this.timeZone, start);
    const at: number[] = [];
    const offsets: number[] = [];
    let previous = first;
    for (let t = start + STEP_MS; t <= start + BLOCK_MS; t += STEP_MS) {
      const offset = offsetAt(this.timeZone, t);
      if (offset === previous) continue;
      // The change lies in (t - STEP_MS, t]: bisect to the first second with the new offset.
      let lo = t - STEP_MS;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetAt(this.timeZone, mid) === previous) lo = mid;
        else hi = mid;
      }
      if (hi < start + BLOCK_MS) {
        at.push(hi);
        offsets.push(offset);
      }
      previous = offset;
    }
    return { first, at, offsets };
  }
}
