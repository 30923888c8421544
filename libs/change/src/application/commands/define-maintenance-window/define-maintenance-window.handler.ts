import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { compileMaintenanceWindow } from '../../../domain';
import type { MaintenanceWindow } from '../../../domain';
import { newCalendarId, requireKnownTargets } from '../../calendar/calendar-references';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { MaintenanceWindowStore } from '../../ports/calendar-stores.port';
import { ConfigurationItems } from '../../ports/change-references.port';
import type { DefineMaintenanceWindowCommand } from './define-maintenance-window.command';

/**
 * Checks the window (rule, zone, first start, duration, a live target) before anything is written,
 * stores it and puts it in this replica's calendar.
 */
@Injectable()
export class DefineMaintenanceWindowHandler {
  constructor(
    @Inject(MaintenanceWindowStore) private readonly windows: MaintenanceWindowStore,
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ window: spec }: DefineMaintenanceWindowCommand): Promise<MaintenanceWindow> {
    const id = newCalendarId();
    const compiled = compileMaintenanceWindow(id, spec);
    await requireKnownTargets(this.cis, compiled.scope, [compiled.targetId]);
    const now = this.clock.now();
    const window: MaintenanceWindow = { ...spec, id, name: compiled.name, targetId: compiled.targetId, createdAt: now, updatedAt: now, version: 1 };
    await this.windows.insert(window);
    this.calendar.windowSaved(window);
    return window;
  }
}
