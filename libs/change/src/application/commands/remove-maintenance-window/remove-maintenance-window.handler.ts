import { Inject, Injectable } from '@nestjs/common';
import { windowNotFound } from '../../calendar/calendar-references';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { MaintenanceWindowStore } from '../../ports/calendar-stores.port';
import type { RemoveMaintenanceWindowCommand } from './remove-maintenance-window.command';

/** Removes a window from the store and this replica's calendar; CHANGE.WINDOW_NOT_FOUND when there is none. */
@Injectable()
export class RemoveMaintenanceWindowHandler {
  constructor(
    @Inject(MaintenanceWindowStore) private readonly windows: MaintenanceWindowStore,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
  ) {}

  async execute({ id }: RemoveMaintenanceWindowCommand): Promise<string> {
    if (!(await this.windows.remove(id))) throw windowNotFound(id);
    this.calendar.windowRemoved(id);
    return id;
  }
}
