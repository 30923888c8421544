import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeCalendar, compileMaintenanceWindow } from '../../domain';
import type { BlackoutWindow, MaintenanceWindow } from '../../domain';
import { BlackoutWindowStore, MaintenanceWindowStore } from '../ports/calendar-stores.port';
import { RefreshingValue } from './refreshing-value';

/** How long a replica trusts its copy of the windows before reading them again (other replicas' admin writes). */
export const CALENDAR_REFRESH_MS = 30_000;

/**
 * The replica's change calendar: maintenance windows compiled and their occurrences cached in memory,
 * kept current with this replica's own admin writes at once and read again from the stores every
 * CALENDAR_REFRESH_MS. Blackouts are read from their store on every call (`fresh`), since a refusal
 * (CHANGE.BLACKOUT) must see a freeze declared on another replica a moment ago.
 */
@Injectable()
export class ChangeCalendarService {
  private readonly loaded: RefreshingValue<ChangeCalendar>;

  constructor(
    @Inject(MaintenanceWindowStore) private readonly windows: MaintenanceWindowStore,
    @Inject(BlackoutWindowStore) private readonly blackouts: BlackoutWindowStore,
    @Inject(Clock) clock: Clock,
  ) {
    this.loaded = new RefreshingValue(() => this.load(), () => clock.now().getTime(), CALENDAR_REFRESH_MS);
  }

  /** The calendar, windows at most CALENDAR_REFRESH_MS old; with `fresh` the blackouts as stored now. */
  async calendar(fresh = true): Promise<ChangeCalendar> {
    const calendar = await this.loaded.get();
    if (fresh) {
      const stored = await this.blackouts.all();
      for (const old of calendar.allBlackouts()) if (!stored.some((b) => b.id === old.id)) calendar.removeBlackout(old.id);
      for (const blackout of stored) calendar.putBlackout(blackout);
    }
    return calendar;
  }

  windowSaved(window: MaintenanceWindow): void {
    this.loaded.peek()?.putWindow(compileMaintenanceWindow(window.id, window));
  }

  windowRemoved(id: string): void {
    this.loaded.peek()?.removeWindow(id);
  }

  blackoutSaved(blackout: BlackoutWindow): void {
    this.loaded.peek()?.putBlackout(blackout);
  }

  blackoutRemoved(id: string): void {
    this.loaded.peek()?.removeBlackout(id);
  }

  private async load(): Promise<ChangeCalendar> {
    const [windows, blackouts] = await Promise.all([this.windows.all(), this.blackouts.all()]);
    return new ChangeCalendar(windows.map((w) => compileMaintenanceWindow(w.id, w)), blackouts);
  }
}
