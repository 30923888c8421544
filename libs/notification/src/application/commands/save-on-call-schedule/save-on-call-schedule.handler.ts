import { Injectable } from '@nestjs/common';
import { validateOnCallSchedule } from '../../../domain/on-call/on-call-schedule';
import type { OnCallSchedule } from '../../../domain/on-call/on-call-schedule';
import { OnCallScheduleStore } from '../../ports/on-call-stores.port';
import { OnCallDirectoryCheck } from '../on-call-directory-check';

/**
 * Creates or replaces a group's on-call schedule: valid by the domain (INVALID_SCHEDULE), its group
 * and every person it names known to the directory (UNKNOWN_RECIPIENT); nothing saved on a refusal.
 */
@Injectable()
export class SaveOnCallScheduleHandler {
  constructor(
    private readonly schedules: OnCallScheduleStore,
    private readonly check: OnCallDirectoryCheck,
  ) {}

  async execute(schedule: OnCallSchedule): Promise<OnCallSchedule> {
    const valid = validateOnCallSchedule(schedule);
    const people = [...valid.rotations.flatMap((r) => r.members), ...valid.overrides.map((o) => o.personId)];
    await this.check.requireKnown(people, [valid.groupId]);
    await this.schedules.save(valid);
    return valid;
  }
}
