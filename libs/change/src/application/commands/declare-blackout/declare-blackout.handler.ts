import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { checkBlackoutWindow } from '../../../domain';
import type { BlackoutWindow } from '../../../domain';
import { newCalendarId, requireKnownTargets } from '../../calendar/calendar-references';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { BlackoutWindowStore } from '../../ports/calendar-stores.port';
import { ConfigurationItems } from '../../ports/change-references.port';
import type { DeclareBlackoutCommand } from './declare-blackout.command';

/** Checks the blackout (a reason, an end after the start, live services) before anything is written, then stores it. */
@Injectable()
export class DeclareBlackoutHandler {
  constructor(
    @Inject(BlackoutWindowStore) private readonly blackouts: BlackoutWindowStore,
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ blackout: spec }: DeclareBlackoutCommand): Promise<BlackoutWindow> {
    const checked = checkBlackoutWindow(spec);
    await requireKnownTargets(this.cis, 'blackout', checked.serviceIds);
    const now = this.clock.now();
    const blackout: BlackoutWindow = { ...checked, id: newCalendarId(), createdAt: now, updatedAt: now, version: 1 };
    await this.blackouts.insert(blackout);
    this.calendar.blackoutSaved(blackout);
    return blackout;
  }
}
