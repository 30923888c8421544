import { DAY_MS, ZoneOffsets } from '@itsm/recurrence';
import type { BlackoutWindow } from './blackout-window';
import type { Interval } from './intervals';
import { overlaps } from './intervals';
import type { CompiledMaintenanceWindow, WindowScope } from './maintenance-window';
import { expandMaintenanceWindow } from './maintenance-window';

/** Expansions are cached in aligned blocks of this length, so nearby queries reuse one expansion. */
const BLOCK_MS = 128 * DAY_MS;

interface Expansion {
  readonly range: Interval;
  readonly intervals: readonly Interval[];
}


/** First index whose interval ends after `at` (one window's intervals: sorted by start, all the same length, so by end too). */
function firstEndingAfter(intervals: readonly Interval[], at: number): number {
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((intervals[mid] as Interval).end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The change calendar's windows in memory: maintenance windows by what they apply to (a CI, a
 * service, a CI class), their occurrences expanded lazily per window and cached, and the blackouts.
 * Pure: the owner feeds it from the window store and keeps it current on every admin write.
 */
export class ChangeCalendar {
  private readonly windows = new Map<string, CompiledMaintenanceWindow>();
  /** Window ids by scope, then by target id (raw ids as keys: no key strings built per look-up). */
  private readonly byTarget: Record<WindowScope, Map<string, Set<string>>> = { ci: new Map(), service: new Map(), ci_class: new Map() };
  private readonly expansions = new Map<string, Expansion>();
  private readonly blackouts = new Map<string, BlackoutWindow>();
  private readonly zones = new Map<string, ZoneOffsets>();

  constructor(windows: readonly CompiledMaintenanceWindow[] = [], blackouts: readonly BlackoutWindow[] = []) {
    for (const window of windows) this.putWindow(window);
    for (const blackout of blackouts) this.putBlackout(blackout);
  }

  putWindow(window: CompiledMaintenanceWindow): void {
    this.removeWindow(window.id);
    this.windows.set(window.id, window);
    const targets = this.byTarget[window.scope];
    const ids = targets.get(window.targetId) ?? new Set<string>();
    ids.add(window.id);
    targets.set(window.targetId, ids);
  }

  removeWindow(id: string): void {
    const old = this.windows.get(id);
    if (old === undefined) return;
    this.windows.delete(id);
    this.expansions.delete(id);
    this.byTarget[old.scope].get(old.targetId)?.delete(id);
  }

  putBlackout(blackout: BlackoutWindow): void {
    this.blackouts.set(blackout.id, blackout);
  }

  removeBlackout(id: string): void {
    this.blackouts.delete(id);
  }

  window(id: string): CompiledMaintenanceWindow | undefined {
    return this.windows.get(id);
  }

  /** The windows that govern a CI: its own, its class's, and those of the services given. */
  windowsFor(ciId: string, classId: string | null, serviceIds: readonly string[]): CompiledMaintenanceWindow[] {
    const found: CompiledMaintenanceWindow[] = [];
    const add = (ids: Set<string> | undefined): void => {
      if (ids === undefined) return;
      for (const id of ids) {
        const window = this.windows.get(id);
        if (window !== undefined) found.push(window);
      }
    };
    add(this.byTarget.ci.get(ciId));
    if (classId !== null) add(this.byTarget.ci_class.get(classId));
    for (const serviceId of serviceIds) add(this.byTarget.service.get(serviceId));
    return found;
  }

  /** Every maintenance window (for the calendar view). */
  allWindows(): CompiledMaintenanceWindow[] {
    return [...this.windows.values()];
  }

  /** Expands every window over `range` ahead of queries (a service does this at start for the year ahead). */
  prepare(range: Interval): void {
    for (const window of this.windows.values()) this.occurrences(window, range);
  }

  /** The window's occurrences overlapping `range`, ascending. */
  occurrences(window: CompiledMaintenanceWindow, range: Interval): Interval[] {
    let expansion = this.expansions.get(window.id);
    if (expansion === undefined || range.start < expansion.range.start || range.end > expansion.range.end) {
      const start = Math.floor(Math.min(range.start, expansion?.range.start ?? range.start) / BLOCK_MS) * BLOCK_MS;
      const end = Math.ceil(Math.max(range.end, expansion?.range.end ?? range.end) / BLOCK_MS) * BLOCK_MS;
      let zone = this.zones.get(window.timeZone);
      if (zone === undefined) {
        zone = new ZoneOffsets(window.timeZone);
        this.zones.set(window.timeZone, zone);
      }
      expansion = { range: { start, end }, intervals: expandMaintenanceWindow(window, { start, end }, zone) };
      this.expansions.set(window.id, expansion);
    }
    const out: Interval[] = [];
    const { intervals } = expansion;
    for (let i = firstEndingAfter(intervals, range.start); i < intervals.length && (intervals[i] as Interval).start < range.end; i += 1) {
      out.push(intervals[i] as Interval);
    }
    return out;
  }

  /** Blackouts overlapping `range` that are global or freeze one of `serviceIds`. */
  blackoutsFor(serviceIds: readonly string[], range: Interval): BlackoutWindow[] {
    const services = new Set(serviceIds);
    return [...this.blackouts.values()].filter(
      (b) => overlaps({ start: b.start.getTime(), end: b.end.getTime() }, range) && (b.serviceIds.length === 0 || b.serviceIds.some((s) => services.has(s))),
    );
  }

  allBlackouts(): BlackoutWindow[] {
    return [...this.blackouts.values()];
  }
}
