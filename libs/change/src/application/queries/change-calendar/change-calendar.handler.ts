import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain';
import type { BlackoutWindow, CompiledMaintenanceWindow, Interval, ScheduledChange } from '../../../domain';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { ChangeScheduleService } from '../../calendar/change-schedule.service';
import { ConfigurationItems } from '../../ports/change-references.port';
import type { ChangeCalendarQuery } from './change-calendar.query';

const MAX_RANGE_MS = 92 * 86_400_000;

export interface WindowOccurrence {
  readonly window: CompiledMaintenanceWindow;
  readonly interval: Interval;
}

export interface ChangeCalendarView {
  readonly changes: readonly ScheduledChange[];
  readonly windows: readonly WindowOccurrence[];
  readonly blackouts: readonly BlackoutWindow[];
}

/** What the change calendar shows for a range, ascending by start. */
@Injectable()
export class ChangeCalendarHandler {
  constructor(
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(ChangeScheduleService) private readonly schedule: ChangeScheduleService,
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
  ) {}

  async execute(query: ChangeCalendarQuery): Promise<ChangeCalendarView> {
    const range = { start: query.from.getTime(), end: query.to.getTime() };
    if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.end <= range.start) throw new ChangeError(ChangeErrorCode.InvalidInput, 'to must be after from', { field: 'to' });
    if (range.end - range.start > MAX_RANGE_MS) throw new ChangeError(ChangeErrorCode.InvalidInput, 'the calendar shows at most 92 days at a time', { field: 'to' });
    const [calendar, index] = await Promise.all([this.calendar.calendar(), this.schedule.index()]);
    const ci = query.configurationItemId;
    const changes = ci === undefined ? index.overlapping(range) : index.onCi(ci, range);
    const classId = ci === undefined ? null : ((await this.cis.find([ci])).get(ci)?.classId ?? null);
    const windows = ci === undefined ? calendar.allWindows() : calendar.windowsFor(ci, classId, query.serviceIds);
    const occurrences = windows.flatMap((window) => calendar.occurrences(window, range).map((interval) => ({ window, interval })));
    const blackouts = ci === undefined && query.serviceIds.length === 0 ? calendar.allBlackouts().filter((b) => b.start.getTime() < range.end && b.end.getTime() > range.start) : calendar.blackoutsFor(query.serviceIds, range);
    return {
      changes: [...changes].sort((a, b) => a.start - b.start),
      windows: occurrences.sort((a, b) => a.interval.start - b.interval.start),
      blackouts: [...blackouts].sort((a, b) => a.start.getTime() - b.start.getTime()),
    };
  }
}
