import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { compileMaintenanceWindow } from '../../../domain';
import type { MaintenanceWindow } from '../../../domain';
import { requireKnownTargets, staleWindow, windowNotFound } from '../../calendar/calendar-references';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { MaintenanceWindowStore } from '../../ports/calendar-stores.port';
import { ConfigurationItems } from '../../ports/change-references.port';
import type { RedefineMaintenanceWindowCommand } from './redefine-maintenance-window.command';

/** Replaces a window's definition when it is still at the version the admin read; checked first, as a new one. */
@Injectable()
export class RedefineMaintenanceWindowHandler {
  constructor(
    @Inject(MaintenanceWindowStore) private readonly windows: MaintenanceWindowStore,
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ id, expectedVersion, window: spec }: RedefineMaintenanceWindowCommand): Promise<MaintenanceWindow> {
    const stored = await this.windows.byId(id);
    if (stored === undefined) throw windowNotFound(id);
    if (stored.version !== expectedVersion) throw staleWindow(id, expectedVersion);
    const compiled = compileMaintenanceWindow(id, spec);
    await requireKnownTargets(this.cis, compiled.scope, [compiled.targetId]);
    const window: MaintenanceWindow = { ...spec, id, name: compiled.name, targetId: compiled.targetId, createdAt: stored.createdAt, updatedAt: this.clock.now(), version: stored.version + 1 };
    if (!(await this.windows.replace(window, expectedVersion))) throw staleWindow(id, expectedVersion);
    this.calendar.windowSaved(window);
    return window;
  }
}
