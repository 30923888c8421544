import { Roles } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { encodeCursor, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, GraphQLISODateTime, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SaveOnCallScheduleHandler } from '../application/commands/save-on-call-schedule/save-on-call-schedule.handler';
import { OnCallQueries } from '../application/queries/on-call-queries/on-call-queries';
import { notificationErrorFilter } from './notification-error.filter';
import { keyPage, scheduleOf, toScheduleGql } from './on-call-graphql.mapper';
import { OnCallNowGql, OnCallScheduleConnectionGql, OnCallScheduleGql, OnCallScheduleGqlInput } from './on-call.types';

/** Who administers on-call schedules and escalation policies. */
export const ON_CALL_ADMINS: Role[] = ['notification-admin', 'admin'];
/** Who reads who is on call and a ticket's escalations (agents and the admins). */
export const ON_CALL_READERS: Role[] = ['agent', 'notification-admin', 'admin'];

/** On-call schedules (notification admins) and who is on call (agents). */
@Resolver(() => OnCallScheduleGql)
@UseFilters(notificationErrorFilter)
export class OnCallResolver {
  constructor(
    private readonly saver: SaveOnCallScheduleHandler,
    private readonly queries: OnCallQueries,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => OnCallScheduleGql, { description: 'Creates or replaces the group\'s schedule; refused with a code, nothing saved, when invalid or naming unknown people or groups' })
  @Roles(...ON_CALL_ADMINS)
  async saveOnCallSchedule(@Args('input') input: OnCallScheduleGqlInput): Promise<OnCallScheduleGql> {
    return toScheduleGql(await this.saver.execute(scheduleOf(input)));
  }

  @Query(() => OnCallScheduleConnectionGql, { description: 'Schedules in group id order' })
  @Roles(...ON_CALL_ADMINS)
  async onCallSchedules(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionOf<OnCallScheduleGql>> {
    const page = keyPage('oncall', first, after);
    return toConnection(await this.queries.schedulePage(page.first, page.after), (s) => encodeCursor('oncall', s.groupId), toScheduleGql);
  }

  @Query(() => OnCallNowGql, { description: 'Who is on call for the group at `at` (default: now), primary first; nobody without a schedule' })
  @Roles(...ON_CALL_READERS)
  async whoIsOnCall(@Args('groupId', { type: () => ID }) groupId: string, @Args('at', { type: () => GraphQLISODateTime, nullable: true }) at?: Date | null): Promise<OnCallNowGql> {
    const instant = at ?? this.clock.now();
    return { groupId, at: instant, personIds: [...(await this.queries.whoIsOnCall(groupId, instant.getTime()))] };
  }
}
