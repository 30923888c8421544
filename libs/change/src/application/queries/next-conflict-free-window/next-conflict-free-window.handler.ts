import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, MAX_HORIZON_DAYS, freeWindowRange, nextConflictFreeWindows } from '../../../domain';
import type { ChangeViewer, Interval } from '../../../domain';
import { ChangeAccessService } from '../../change-access.service';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { ChangeScheduleService } from '../../calendar/change-schedule.service';
import { loadConflictGraph } from '../../conflicts/conflict-graph';
import { ChangeReads } from '../../ports/change-store.port';
import { ConfigurationItems } from '../../ports/change-references.port';
import { conflictSubject, visibleChange } from '../change-conflicts/change-conflicts.handler';
import type { NextConflictFreeWindowQuery } from './next-conflict-free-window.query';

/** The first candidates (default 10) a change could move to and have no conflicts (ServiceNow's "next available"). */
@Injectable()
export class NextConflictFreeWindowHandler {
  constructor(
    @Inject(ChangeReads) private readonly reads: ChangeReads,
    @Inject(ChangeAccessService) private readonly access: ChangeAccessService,
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(ChangeScheduleService) private readonly schedule: ChangeScheduleService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(viewer: ChangeViewer, { changeId, options }: NextConflictFreeWindowQuery): Promise<Interval[]> {
    const change = await visibleChange(this.reads, this.access, viewer, changeId);
    const plannedMinutes = change.planned === null ? undefined : (change.planned.end.getTime() - change.planned.start.getTime()) / 60_000;
    const minutes = options.durationMinutes ?? plannedMinutes;
    if (minutes === undefined) throw new ChangeError(ChangeErrorCode.InvalidInput, 'durationMinutes: the change has no planned window to take its length from', { field: 'durationMinutes' });
    const query = {
      durationMs: Math.round(minutes * 60_000),
      from: (options.from ?? this.clock.now()).getTime(),
      horizonDays: options.horizonDays ?? MAX_HORIZON_DAYS,
      limit: options.limit ?? 10,
    };
    const schedule = await this.schedule.index();
    const others = schedule.ciIdsOverlapping(freeWindowRange(query), change.id);
    const sources = { schedule, calendar: await this.calendar.calendar(), graph: await loadConflictGraph(this.cis, change.configurationItemIds, others) };
    return nextConflictFreeWindows(conflictSubject(change), sources, query);
  }
}
