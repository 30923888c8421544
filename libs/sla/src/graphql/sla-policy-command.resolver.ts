import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { InputTextArgs } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { ImportSlaHolidaysHandler } from '../application/commands/import-sla-holidays/import-sla-holidays.handler';
import { RepairSlaClocksHandler } from '../application/commands/repair-sla-clocks/repair-sla-clocks.handler';
import { SaveSlaCalendarHandler } from '../application/commands/save-sla-calendar/save-sla-calendar.handler';
import { SaveSlaDefinitionHandler } from '../application/commands/save-sla-definition/save-sla-definition.handler';
import { SetSlaTimeZoneHandler } from '../application/commands/set-sla-time-zone/set-sla-time-zone.handler';
import { SlaError, SlaErrorCode } from '../domain';
import type { TicketType, TimeZoneSubject } from '../domain';
import { BusinessCalendarInput, SlaDefinitionInput } from './sla.inputs';
import { ADMINS } from './role-sets';
import { slaErrorFilter } from './sla-error.filter';
import { toCalendarGql, toCalendarSpec, toClockGql, toDefinition, toDefinitionGql } from './sla-graphql.mapper';
import { BusinessCalendarGql, HolidayImportGql, SlaClockGql, SlaDefinitionGql, TicketTypeGql, TimeZoneSubjectGql } from './sla.types';

const MAX_ICS_BYTES = 1_000_000;

/** Admins change the SLA policy set (calendars, holidays, definitions, time zones) and repair clocks. Thin: handlers do the work. */
@Resolver()
@UseFilters(slaErrorFilter)
export class SlaPolicyCommandResolver {
  constructor(
    private readonly saveCalendar: SaveSlaCalendarHandler,
    private readonly importHolidays: ImportSlaHolidaysHandler,
    private readonly saveDefinition: SaveSlaDefinitionHandler,
    private readonly setTimeZone: SetSlaTimeZoneHandler,
    private readonly repair: RepairSlaClocksHandler,
  ) {}

  @Mutation(() => BusinessCalendarGql, { description: 'Create (expectedVersion 0) or change a business calendar' })
  @Roles(...ADMINS)
  async saveSlaCalendar(
    @CurrentPrincipal() admin: Principal,
    @Args('input') input: BusinessCalendarInput,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<BusinessCalendarGql> {
    return toCalendarGql(await this.saveCalendar.execute({ by: admin.userId, calendar: toCalendarSpec(input), expectedVersion }));
  }

  @Mutation(() => HolidayImportGql, { description: 'Adds the all-day events of an iCalendar (RFC 5545) file as holidays' })
  @Roles(...ADMINS)
  @InputTextArgs({ ics: 'document' })
  async importSlaHolidays(
    @CurrentPrincipal() admin: Principal,
    @Args('calendarId', { type: () => ID }) calendarId: string,
    @Args('ics') ics: string,
    @Args('fromYear', { type: () => Int }) fromYear: number,
    @Args('toYear', { type: () => Int }) toYear: number,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<HolidayImportGql> {
    if (ics.length > MAX_ICS_BYTES) throw new SlaError(SlaErrorCode.InvalidInput, `the iCalendar text is over ${MAX_ICS_BYTES} characters`, { field: 'ics' });
    const result = await this.importHolidays.execute({ by: admin.userId, calendarId, ics, fromYear, toYear, expectedVersion });
    return { calendar: toCalendarGql(result.calendar), imported: result.imported, skipped: [...result.skipped] };
  }

  @Mutation(() => SlaDefinitionGql, { description: 'Create (expectedVersion 0) or change an SLA, OLA or UC definition' })
  @Roles(...ADMINS)
  async saveSlaDefinition(
    @CurrentPrincipal() admin: Principal,
    @Args('input') input: SlaDefinitionInput,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<SlaDefinitionGql> {
    return toDefinitionGql(await this.saveDefinition.execute({ by: admin.userId, definition: toDefinition(input), expectedVersion }));
  }

  @Mutation(() => Boolean, { description: "Sets a caller's or CI location's IANA time zone (TimeZoneSource)" })
  @Roles(...ADMINS)
  async setSlaTimeZone(
    @Args('subject', { type: () => TimeZoneSubjectGql }) subject: TimeZoneSubject,
    @Args('subjectId', { type: () => ID }) subjectId: string,
    @Args('timeZone') timeZone: string,
  ): Promise<boolean> {
    await this.setTimeZone.execute({ subject, subjectId, timeZone });
    return true;
  }

  @Mutation(() => [SlaClockGql], {
    description: "Derives a ticket's clocks again from its unchanged event history: an incident's (`incidentId`), or a request's, requested item's or task's (`ticketType`, `ticketId`)",
  })
  @Roles(...ADMINS)
  async repairSlaClocks(
    @Args('incidentId', { type: () => ID, nullable: true }) incidentId?: string | null,
    @Args('ticketType', { type: () => TicketTypeGql, nullable: true }) ticketType?: TicketType | null,
    @Args('ticketId', { type: () => ID, nullable: true }) ticketId?: string | null,
  ): Promise<SlaClockGql[]> {
    return (await this.repair.execute(repairTarget(incidentId ?? null, ticketType ?? null, ticketId ?? null))).map(toClockGql);
  }
}

/** Which ticket a repair names: an incident by `incidentId` alone, any ticket type by `ticketType` with `ticketId`. */
function repairTarget(incidentId: string | null, ticketType: TicketType | null, ticketId: string | null): { ticketType: TicketType; ticketId: string } {
  if (incidentId !== null && ticketType === null && ticketId === null) return { ticketType: 'incident', ticketId: incidentId };
  if (incidentId === null && ticketType !== null && ticketId !== null) return { ticketType, ticketId };
  throw new SlaError(SlaErrorCode.InvalidInput, 'repairSlaClocks: name an incident (incidentId) or a ticket (ticketType with ticketId)', { field: incidentId === null ? 'ticketId' : 'incidentId' });
}
