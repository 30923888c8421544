import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendarSpec, SkippedEvent } from '../../../domain';
import { importICalendarHolidays, SlaError, SlaErrorCode } from '../../../domain';
import type { Versioned } from '../../../persistence';
import { SlaPolicySet } from '../../sla-policy-set';
import { SaveSlaCalendarHandler } from '../save-sla-calendar/save-sla-calendar.handler';
import type { ImportSlaHolidaysCommand } from './import-sla-holidays.command';

export interface HolidayImportResult {
  readonly calendar: Versioned<BusinessCalendarSpec>;
  readonly imported: number;
  readonly skipped: readonly SkippedEvent[];
}

/** Parses the iCalendar text, then saves the calendar with the holidays added (same version rules as a save). */
@Injectable()
export class ImportSlaHolidaysHandler {
  constructor(
    @Inject(SlaPolicySet) private readonly policies: SlaPolicySet,
    @Inject(SaveSlaCalendarHandler) private readonly saveCalendar: SaveSlaCalendarHandler,
  ) {}

  async execute({ by, calendarId, ics, fromYear, toYear, expectedVersion }: ImportSlaHolidaysCommand): Promise<HolidayImportResult> {
    const current = this.policies.calendar(calendarId);
    if (current === undefined) throw new SlaError(SlaErrorCode.CalendarNotFound, `No calendar "${calendarId}"`, { calendarId });
    const imported = importICalendarHolidays(ics, { fromYear, toYear });
    const calendar = await this.saveCalendar.execute({ by, calendar: { ...current.value, holidays: [...current.value.holidays, ...imported.holidays] }, expectedVersion });
    return { calendar, imported: imported.holidays.length, skipped: imported.skipped };
  }
}
