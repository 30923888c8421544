import { Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  DeclareBlackoutCommand,
  DeclareBlackoutHandler,
  DefineMaintenanceWindowCommand,
  DefineMaintenanceWindowHandler,
  LiftBlackoutCommand,
  LiftBlackoutHandler,
  RedefineMaintenanceWindowCommand,
  RedefineMaintenanceWindowHandler,
  RemoveMaintenanceWindowCommand,
  RemoveMaintenanceWindowHandler,
  ReviseBlackoutCommand,
  ReviseBlackoutHandler,
} from '../application/commands/calendar-commands';
import { CalendarWindowsHandler, CalendarWindowsQuery } from '../application/queries';
import type { BlackoutWindow, MaintenanceWindow } from '../domain';
import { BlackoutWindowInput, MaintenanceWindowInput } from './calendar.inputs';
import { BlackoutWindowGql, MaintenanceWindowGql } from './calendar.types';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_MANAGERS, CHANGE_READERS } from './change-role-sets';

const toWindowGql = (w: MaintenanceWindow): MaintenanceWindowGql => ({ ...w });
const toBlackoutGql = (b: BlackoutWindow): BlackoutWindowGql => ({ ...b, serviceIds: [...b.serviceIds] });

/** The change calendar's admin records: maintenance windows and blackouts (change managers, admins). */
@Resolver(() => MaintenanceWindowGql)
@UseFilters(changeErrorFilter)
export class CalendarAdminResolver {
  constructor(
    private readonly lists: CalendarWindowsHandler,
    private readonly define: DefineMaintenanceWindowHandler,
    private readonly redefine: RedefineMaintenanceWindowHandler,
    private readonly remove: RemoveMaintenanceWindowHandler,
    private readonly declare: DeclareBlackoutHandler,
    private readonly revise: ReviseBlackoutHandler,
    private readonly lift: LiftBlackoutHandler,
  ) {}

  @Query(() => [MaintenanceWindowGql], { description: 'Every maintenance window, by name' })
  @Roles(...CHANGE_READERS)
  async maintenanceWindows(): Promise<MaintenanceWindowGql[]> {
    return (await this.lists.execute(new CalendarWindowsQuery())).windows.map(toWindowGql);
  }

  @Query(() => [BlackoutWindowGql], { description: 'Every blackout, by start' })
  @Roles(...CHANGE_READERS)
  async blackoutWindows(): Promise<BlackoutWindowGql[]> {
    return (await this.lists.execute(new CalendarWindowsQuery())).blackouts.map(toBlackoutGql);
  }

  @Mutation(() => MaintenanceWindowGql, { description: 'Defines a recurring maintenance window (checked: RRULE, zone, first start, duration, a live target)' })
  @Roles(...CHANGE_MANAGERS)
  async defineMaintenanceWindow(@Args('input') input: MaintenanceWindowInput): Promise<MaintenanceWindowGql> {
    return toWindowGql(await this.define.execute(new DefineMaintenanceWindowCommand({ ...input })));
  }

  @Mutation(() => MaintenanceWindowGql, { description: 'Changes a maintenance window still at `version`' })
  @Roles(...CHANGE_MANAGERS)
  async redefineMaintenanceWindow(@Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('input') input: MaintenanceWindowInput): Promise<MaintenanceWindowGql> {
    return toWindowGql(await this.redefine.execute(new RedefineMaintenanceWindowCommand(id, version, { ...input })));
  }

  @Mutation(() => ID, { description: 'Removes a maintenance window' })
  @Roles(...CHANGE_MANAGERS)
  async removeMaintenanceWindow(@Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.remove.execute(new RemoveMaintenanceWindowCommand(id));
  }

  @Mutation(() => BlackoutWindowGql, { description: 'Declares a blackout (a reason is mandatory)' })
  @Roles(...CHANGE_MANAGERS)
  async declareBlackout(@Args('input') input: BlackoutWindowInput): Promise<BlackoutWindowGql> {
    return toBlackoutGql(await this.declare.execute(new DeclareBlackoutCommand({ ...input })));
  }

  @Mutation(() => BlackoutWindowGql, { description: 'Changes a blackout still at `version`' })
  @Roles(...CHANGE_MANAGERS)
  async reviseBlackout(@Args('id', { type: () => ID }) id: string, @Args('version', { type: () => Int }) version: number, @Args('input') input: BlackoutWindowInput): Promise<BlackoutWindowGql> {
    return toBlackoutGql(await this.revise.execute(new ReviseBlackoutCommand(id, version, { ...input })));
  }

  @Mutation(() => ID, { description: 'Lifts (removes) a blackout' })
  @Roles(...CHANGE_MANAGERS)
  async liftBlackout(@Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.lift.execute(new LiftBlackoutCommand(id));
  }
}
