import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendarSpec, SkippedEvent, SlaDefinition } from '../../../domain';
import { assertTimeZone, importICalendarHolidays, SlaError, SlaErrorCode, validateCalendar, validateDefinition } from '../../../domain';
import type { TimeZoneSubject, Versioned } from '../../../persistence';
import { SlaCatalogRepository } from '../../../persistence';
import { Clock } from '@itsm/platform/config';
import { SlaCatalog } from '../../sla-catalog';

export interface HolidayImportResult {
  readonly calendar: Versioned<BusinessCalendarSpec>;
  readonly imported: number;
  readonly skipped: readonly SkippedEvent[];
}

/**
 * Admin changes to the catalogue. Everything is validated before anything is written; a save names
 * the version it was based on (0 = new) and loses to a concurrent save with SLA.CONFLICT. A saved
 * change bumps the catalogue revision: every replica reloads and re-derives its open tickets' clocks.
 */
@Injectable()
export class ManageSlaCatalogHandler {
  constructor(
    @Inject(SlaCatalogRepository) private readonly repository: SlaCatalogRepository,
    @Inject(SlaCatalog) private readonly catalog: SlaCatalog,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async saveCalendar(by: string, spec: BusinessCalendarSpec, expectedVersion: number): Promise<Versioned<BusinessCalendarSpec>> {
    const valid = validateCalendar(spec);
    this.checkVersion('calendar', valid.id, this.catalog.calendar(valid.id)?.version ?? 0, expectedVersion);
    const at = this.clock.now();
    if (!(await this.repository.saveCalendar(valid, expectedVersion, by, at))) throw this.conflict('calendar', valid.id);
    await this.changed();
    return { value: valid, version: expectedVersion + 1, updatedBy: by, updatedAt: at };
  }

  async importHolidays(by: string, calendarId: string, ics: string, range: { fromYear: number; toYear: number }, expectedVersion: number): Promise<HolidayImportResult> {
    const current = this.catalog.calendar(calendarId);
    if (current === undefined) throw new SlaError(SlaErrorCode.CalendarNotFound, `No calendar "${calendarId}"`, { calendarId });
    const imported = importICalendarHolidays(ics, range);
    const calendar = await this.saveCalendar(by, { ...current.value, holidays: [...current.value.holidays, ...imported.holidays] }, expectedVersion);
    return { calendar, imported: imported.holidays.length, skipped: imported.skipped };
  }

  async saveDefinition(by: string, definition: SlaDefinition, expectedVersion: number): Promise<Versioned<SlaDefinition>> {
    const valid = validateDefinition(definition, this.catalog.hasCalendar);
    this.checkVersion('definition', valid.id, this.catalog.definition(valid.id)?.version ?? 0, expectedVersion);
    const at = this.clock.now();
    if (!(await this.repository.saveDefinition(valid, expectedVersion, by, at))) throw this.conflict('definition', valid.id);
    await this.changed();
    return { value: valid, version: expectedVersion + 1, updatedBy: by, updatedAt: at };
  }

  async setTimeZone(subject: TimeZoneSubject, key: string, timeZone: string): Promise<void> {
    assertTimeZone(timeZone);
    await this.repository.setTimeZone(subject, key, timeZone);
  }

  private checkVersion(what: string, id: string, stored: number, expected: number): void {
    if (!Number.isInteger(expected) || expected < 0) throw new SlaError(SlaErrorCode.InvalidInput, 'expectedVersion must be 0 (new) or the version read');
    if (stored !== expected) throw this.conflict(what, id);
  }

  private conflict(what: string, id: string): SlaError {
    return new SlaError(SlaErrorCode.Conflict, `The ${what} "${id}" was changed by someone else (or already exists); read it again`, { id });
  }

  private async changed(): Promise<void> {
    await this.repository.bumpRevision();
    await this.catalog.refresh();
  }
}
