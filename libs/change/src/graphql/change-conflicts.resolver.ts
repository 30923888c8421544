import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OverrideBlackoutCommand, OverrideBlackoutHandler } from '../application/commands/calendar-commands';
import {
  ChangeCalendarHandler,
  ChangeCalendarQuery,
  ChangeConflictsHandler,
  ChangeConflictsQuery,
  NextConflictFreeWindowHandler,
  NextConflictFreeWindowQuery,
} from '../application/queries';
import type { ChangeConflict, Interval } from '../domain';
import { ChangeCalendarGql, ChangeConflictGql } from './calendar.types';
import { toChangeGql } from './change-graphql.mapper';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_MANAGERS, CHANGE_READERS } from './change-role-sets';
import { ChangeGql, ChangeWindowGql } from './change.types';

const toWindow = (i: Interval): ChangeWindowGql => ({ start: new Date(i.start), end: new Date(i.end) });
const toConflictGql = (c: ChangeConflict): ChangeConflictGql => ({ ...c, overlap: c.overlap === null ? null : toWindow(c.overlap) });

/** Conflicts as a query (on demand and on every Change read), the next free windows, the calendar, the blackout override. */
@Resolver(() => ChangeGql)
@UseFilters(changeErrorFilter)
export class ChangeConflictsResolver {
  constructor(
    private readonly conflictsOf: ChangeConflictsHandler,
    private readonly nextFree: NextConflictFreeWindowHandler,
    private readonly calendar: ChangeCalendarHandler,
    private readonly override: OverrideBlackoutHandler,
  ) {}

  @ResolveField(() => [ChangeConflictGql], { description: 'The planned window\'s conflicts now (none without a plan)' })
  @Roles(...CHANGE_READERS)
  async conflicts(@Parent() change: ChangeGql): Promise<ChangeConflictGql[]> {
    return (await this.conflictsOf.of(change)).map(toConflictGql);
  }

  @Query(() => [ChangeConflictGql], { description: 'A change\'s conflicts: same or related CI, outside maintenance windows, blackouts, assignee busy' })
  @Roles(...CHANGE_READERS)
  async changeConflicts(@CurrentPrincipal() viewer: Principal, @Args('changeId', { type: () => ID }) changeId: string): Promise<ChangeConflictGql[]> {
    return (await this.conflictsOf.execute(viewer, new ChangeConflictsQuery(changeId))).map(toConflictGql);
  }

  @Query(() => [ChangeWindowGql], { description: 'The next windows (its planned length unless given) in which the change would have no conflicts, within 90 days' })
  @Roles(...CHANGE_READERS)
  async nextConflictFreeWindow(
    @CurrentPrincipal() viewer: Principal,
    @Args('changeId', { type: () => ID }) changeId: string,
    @Args('durationMinutes', { type: () => Int, nullable: true }) durationMinutes?: number,
    @Args('from', { nullable: true }) from?: Date,
    @Args('horizonDays', { type: () => Int, nullable: true }) horizonDays?: number,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ): Promise<ChangeWindowGql[]> {
    const options = { ...(durationMinutes === undefined ? {} : { durationMinutes }), ...(from === undefined ? {} : { from }), ...(horizonDays === undefined ? {} : { horizonDays }), ...(limit === undefined ? {} : { limit }) };
    return (await this.nextFree.execute(viewer, new NextConflictFreeWindowQuery(changeId, options))).map(toWindow);
  }

  @Query(() => ChangeCalendarGql, { description: 'Changes holding windows, maintenance window occurrences and blackouts in [from, to) (at most 92 days)' })
  @Roles(...CHANGE_READERS)
  async changeCalendar(
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('configurationItemId', { nullable: true }) configurationItemId?: string,
    @Args('serviceIds', { type: () => [String], nullable: true }) serviceIds?: string[],
  ): Promise<ChangeCalendarGql> {
    const view = await this.calendar.execute(new ChangeCalendarQuery(from, to, configurationItemId, serviceIds ?? []));
    return {
      changes: view.changes.map((c) => ({ id: c.id, number: c.number, configurationItemIds: [...c.configurationItemIds], assigneeId: c.assigneeId, start: new Date(c.start), end: new Date(c.end) })),
      maintenanceWindows: view.windows.map(({ window, interval }) => ({ windowId: window.id, name: window.name, scope: window.scope, targetId: window.targetId, ...toWindow(interval) })),
      blackouts: view.blackouts.map((b) => ({ ...b, serviceIds: [...b.serviceIds] })),
    };
  }

  @Mutation(() => ChangeGql, { description: 'Emergency changes: records why the change may be scheduled inside a blackout' })
  @Roles(...CHANGE_MANAGERS)
  async overrideBlackout(@CurrentPrincipal() viewer: Principal, @Args('changeId', { type: () => ID }) changeId: string, @Args('reason') reason: string): Promise<ChangeGql> {
    return toChangeGql(await this.override.execute(viewer, new OverrideBlackoutCommand(changeId, reason)));
  }
}
