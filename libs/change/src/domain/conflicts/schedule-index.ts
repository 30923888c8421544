import type { Change, ChangeState } from '../change.model';
import type { Interval } from '../calendar/intervals';

/** The states in which a change holds its planned window against others. */
export const SCHEDULE_HOLDING_STATES: readonly ChangeState[] = ['authorize', 'scheduled', 'implement'];

/** What the conflict checks need of another change. */
export interface ScheduledChange {
  readonly id: string;
  readonly number: string;
  readonly configurationItemIds: readonly string[];
  readonly assigneeId: string | null;
  readonly start: number;
  readonly end: number;
}

/** The change as the schedule sees it, or null when it holds no window (no plan, or not active). */
export function scheduledChangeOf(change: Pick<Change, 'id' | 'number' | 'state' | 'configurationItemIds' | 'assigneeId' | 'planned'>): ScheduledChange | null {
  if (change.planned === null || !SCHEDULE_HOLDING_STATES.includes(change.state)) return null;
  return {
    id: change.id,
    number: change.number,
    configurationItemIds: change.configurationItemIds,
    assigneeId: change.assigneeId,
    start: change.planned.start.getTime(),
    end: change.planned.end.getTime(),
  };
}

/** One key's changes sorted by start, with the longest duration among them (the search's reach back). */
class Lane {
  readonly items: ScheduledChange[] = [];
  private longest = 0;

  insert(change: ScheduledChange): void {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.items[mid] as ScheduledChange).start <= change.start) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, change);
    this.longest = Math.max(this.longest, change.end - change.start);
  }

  remove(change: ScheduledChange): void {
    for (let i = this.firstFrom(change.start); i < this.items.length && (this.items[i] as ScheduledChange).start === change.start; i += 1) {
      if ((this.items[i] as ScheduledChange).id === change.id) {
        this.items.splice(i, 1);
        return;
      }
    }
  }

  /** The first index whose start is at or after `from`. */
  private firstFrom(from: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.items[mid] as ScheduledChange).start < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Changes whose window overlaps [start, end): binary search to the first start >= start - longest, scan to end. */
  overlapping(range: Interval, out: ScheduledChange[]): void {
    for (let i = this.firstFrom(range.start - this.longest); i < this.items.length; i += 1) {
      const c = this.items[i] as ScheduledChange;
      if (c.start >= range.end) return;
      if (c.end > range.start) out.push(c);
    }
  }
}

/**
 * An interval index of the changes holding planned windows: one lane of all of them, and one per CI
 * and per assignee, each sorted by start, so "who holds a window between s and e" (on this CI, for
 * this person) is a binary search and a short scan, not a pass over every scheduled change. A
 * conflict check reads the time lane (a planned window overlaps a handful of changes, then matched
 * against the CIs and their neighbours in memory); the free-window search reads the CI and assignee
 * lanes (90 days of the whole schedule would be thousands). Kept current by `put` and `remove`.
 */
export class ScheduleIndex {
  private readonly changes = new Map<string, ScheduledChange>();
  private readonly all = new Lane();
  private readonly byCi = new Map<string, Lane>();
  private readonly byAssignee = new Map<string, Lane>();

  constructor(changes: Iterable<ScheduledChange> = []) {
    for (const change of changes) this.put(change);
  }

  get size(): number {
    return this.changes.size;
  }

  get(id: string): ScheduledChange | undefined {
    return this.changes.get(id);
  }

  /** Adds or replaces a change; null (no longer holding a window) removes it. */
  apply(id: string, change: ScheduledChange | null): void {
    if (change === null) this.remove(id);
    else this.put(change);
  }

  put(change: ScheduledChange): void {
    this.remove(change.id);
    this.changes.set(change.id, change);
    this.all.insert(change);
    for (const ci of new Set(change.configurationItemIds)) lane(this.byCi, ci).insert(change);
    if (change.assigneeId !== null) lane(this.byAssignee, change.assigneeId).insert(change);
  }

  remove(id: string): void {
    const old = this.changes.get(id);
    if (old === undefined) return;
    this.changes.delete(id);
    this.all.remove(old);
    for (const ci of new Set(old.configurationItemIds)) this.byCi.get(ci)?.remove(old);
    if (old.assigneeId !== null) this.byAssignee.get(old.assigneeId)?.remove(old);
  }

  /** Changes holding a window that overlaps `range`, by start. */
  overlapping(range: Interval, out: ScheduledChange[] = []): ScheduledChange[] {
    this.all.overlapping(range, out);
    return out;
  }

  /**
   * The CIs of the changes (other than `exceptChangeId`) holding a window that overlaps `range`:
   * the only CIs a conflict in that range can be on, so the only neighbours worth reading.
   */
  ciIdsOverlapping(range: Interval, exceptChangeId: string | null): string[] {
    const ids = new Set<string>();
    for (const c of this.overlapping(range)) if (c.id !== exceptChangeId) for (const ci of c.configurationItemIds) ids.add(ci);
    return [...ids];
  }

  /** Changes holding a window on the CI that overlaps `range`, appended to `out` (returned). */
  onCi(ciId: string, range: Interval, out: ScheduledChange[] = []): ScheduledChange[] {
    this.byCi.get(ciId)?.overlapping(range, out);
    return out;
  }

  forAssignee(assigneeId: string, range: Interval, out: ScheduledChange[] = []): ScheduledChange[] {
    this.byAssignee.get(assigneeId)?.overlapping(range, out);
    return out;
  }

}

function lane(map: Map<string, Lane>, key: string): Lane {
  let found = map.get(key);
  if (found === undefined) {
    found = new Lane();
    map.set(key, found);
  }
  return found;
}
