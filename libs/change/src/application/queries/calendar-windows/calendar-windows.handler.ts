import { Inject, Injectable } from '@nestjs/common';
import type { BlackoutWindow, MaintenanceWindow } from '../../../domain';
import { BlackoutWindowStore, MaintenanceWindowStore } from '../../ports/calendar-stores.port';
import type { CalendarWindowsQuery } from './calendar-windows.query';

/** The admin's lists: maintenance windows by name, blackouts by start. */
@Injectable()
export class CalendarWindowsHandler {
  constructor(
    @Inject(MaintenanceWindowStore) private readonly windows: MaintenanceWindowStore,
    @Inject(BlackoutWindowStore) private readonly blackouts: BlackoutWindowStore,
  ) {}

  async execute(_query: CalendarWindowsQuery): Promise<{ windows: MaintenanceWindow[]; blackouts: BlackoutWindow[] }> {
    const [windows, blackouts] = await Promise.all([this.windows.all(), this.blackouts.all()]);
    return {
      windows: [...windows].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      blackouts: [...blackouts].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id)),
    };
  }
}
