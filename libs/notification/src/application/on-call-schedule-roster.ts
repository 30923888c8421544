import { Injectable } from '@nestjs/common';
import { onCallAt } from '../domain/on-call/on-call-schedule';
import { OnCallRoster } from './ports/on-call-roster.port';
import { OnCallScheduleStore } from './ports/on-call-stores.port';

/** Who is on call, from the group's schedule (rotations, then overrides); nobody for a group without one. */
@Injectable()
export class ScheduledOnCallRoster extends OnCallRoster {
  constructor(private readonly schedules: OnCallScheduleStore) {
    super();
  }

  async onCall(groupId: string, at: number): Promise<readonly string[]> {
    const schedule = await this.schedules.byGroup(groupId);
    return schedule === null ? [] : onCallAt(schedule, at);
  }
}
