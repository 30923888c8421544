import { Inject, Injectable } from '@nestjs/common';
import type { TimeWindow } from '../../domain/change.model';
import { calendarConflicts } from '../../domain/conflicts/detect-conflicts';
import { loadConflictGraph } from '../conflicts/conflict-graph';
import { ConfigurationItems } from '../ports/change-references.port';
import { MaintenanceCoverage } from '../ports/maintenance-coverage.port';
import { ChangeCalendarService } from './change-calendar.service';
import { ChangeScheduleService } from './change-schedule.service';

/**
 * The risk rule `outside_maintenance_window` asks the calendar: the same answer the conflict check
 * gives (`outside_maintenance_window` conflicts), for the CIs alone (no services, no assignee).
 */
@Injectable()
export class CalendarMaintenanceCoverage extends MaintenanceCoverage {
  constructor(
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(ChangeScheduleService) private readonly schedule: ChangeScheduleService,
  ) {
    super();
  }

  async outside(ciIds: readonly string[], window: TimeWindow): Promise<string[]> {
    if (ciIds.length === 0) return [];
    // Only the CIs' classes count here, no neighbours.
    const graph = await loadConflictGraph(this.cis, ciIds, []);
    const subject = { changeId: '', configurationItemIds: ciIds, serviceIds: [], assigneeId: null };
    const sources = { schedule: await this.schedule.index(), calendar: await this.calendar.calendar(), graph };
    const found = calendarConflicts(subject, { start: window.start.getTime(), end: window.end.getTime() }, sources);
    return [...new Set(found.flatMap((c) => (c.kind === 'outside_maintenance_window' && c.ciId !== null ? [c.ciId] : [])))];
  }
}
