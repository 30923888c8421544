import { Inject, Injectable } from '@nestjs/common';
import { windowNotFound } from '../../calendar/calendar-references';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { BlackoutWindowStore } from '../../ports/calendar-stores.port';
import type { LiftBlackoutCommand } from './lift-blackout.command';

/** Removes a blackout; CHANGE.WINDOW_NOT_FOUND when there is none. */
@Injectable()
export class LiftBlackoutHandler {
  constructor(
    @Inject(BlackoutWindowStore) private readonly blackouts: BlackoutWindowStore,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
  ) {}

  async execute({ id }: LiftBlackoutCommand): Promise<string> {
    if (!(await this.blackouts.remove(id))) throw windowNotFound(id);
    this.calendar.blackoutRemoved(id);
    return id;
  }
}
