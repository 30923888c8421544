import { Inject, Injectable } from '@nestjs/common';
import type { CallerTimeZone } from '../../../domain';
import { callerTimeZoneOf } from '../../../domain';
import { SlaTimeZoneStore } from '../../../persistence';
import type { FollowCallerTimeZoneCommand } from './follow-caller-time-zone.command';

export interface FollowedCallerTimeZone {
  readonly caller: CallerTimeZone;
  readonly outcome: 'applied' | 'duplicate';
}

/**
 * Keeps callers' time zones (definitions whose TimeZoneSource is `caller`) as the directory states
 * them, in the store `setSlaTimeZone` writes, keyed by user name as the SLA engine looks callers up
 * (the incident's callerId). An older event of a person (lower sequence) never overwrites a newer
 * one; clocks derived later use the zone.
 */
@Injectable()
export class FollowCallerTimeZoneHandler {
  constructor(@Inject(SlaTimeZoneStore) private readonly timeZones: SlaTimeZoneStore) {}

  async execute(command: FollowCallerTimeZoneCommand): Promise<FollowedCallerTimeZone> {
    const caller = callerTimeZoneOf(command.event);
    return { caller, outcome: await this.timeZones.followCallerZone(caller, command.event) };
  }
}
