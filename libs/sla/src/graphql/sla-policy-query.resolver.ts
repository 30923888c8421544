import { Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { SlaCalendarsHandler } from '../application/queries/sla-calendars/sla-calendars.handler';
import { SlaDefinitionsHandler } from '../application/queries/sla-definitions/sla-definitions.handler';
import { SlaDryRunHandler } from '../application/queries/sla-dry-run/sla-dry-run.handler';
import { SlaError, SlaErrorCode } from '../domain';
import { BusinessCalendarInput, SlaDefinitionInput } from './sla.inputs';
import { ADMINS, POLICY_READERS } from './role-sets';
import { slaErrorFilter } from './sla-error.filter';
import { toCalendarGql, toCalendarSpec, toClockChangeGql, toDefinition, toDefinitionGql } from './sla-graphql.mapper';
import { BusinessCalendarGql, DryRunGql, SlaDefinitionGql } from './sla.types';

/** Reading the SLA policy set (staff), and the admins' dry run of a change to it. Thin: handlers do the work. */
@Resolver()
@UseFilters(slaErrorFilter)
export class SlaPolicyQueryResolver {
  constructor(
    private readonly calendars: SlaCalendarsHandler,
    private readonly definitions: SlaDefinitionsHandler,
    private readonly dryRun: SlaDryRunHandler,
  ) {}

  @Query(() => [BusinessCalendarGql])
  @Roles(...POLICY_READERS)
  slaCalendars(): BusinessCalendarGql[] {
    return this.calendars.execute().map(toCalendarGql);
  }

  @Query(() => [SlaDefinitionGql])
  @Roles(...POLICY_READERS)
  slaDefinitions(): SlaDefinitionGql[] {
    return this.definitions.execute().map(toDefinitionGql);
  }

  @Query(() => DryRunGql, { description: 'What saving this calendar and/or definition would do to open tickets; nothing is saved' })
  @Roles(...ADMINS)
  async slaDryRun(
    @Args('calendar', { type: () => BusinessCalendarInput, nullable: true }) calendar?: BusinessCalendarInput,
    @Args('definition', { type: () => SlaDefinitionInput, nullable: true }) definition?: SlaDefinitionInput,
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit = 100,
  ): Promise<DryRunGql> {
    if (calendar === undefined && definition === undefined) throw new SlaError(SlaErrorCode.InvalidInput, 'give a calendar, a definition or both');
    const result = await this.dryRun.execute({
      proposal: { ...(calendar ? { calendar: toCalendarSpec(calendar) } : {}), ...(definition ? { definition: toDefinition(definition) } : {}) },
      limit: Math.min(Math.max(limit, 0), 500),
    });
    return { ...result, changes: result.changes.map(toClockChangeGql) };
  }
}
