import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { checkBlackoutWindow } from '../../../domain';
import type { BlackoutWindow } from '../../../domain';
import { requireKnownTargets, staleWindow, windowNotFound } from '../../calendar/calendar-references';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { BlackoutWindowStore } from '../../ports/calendar-stores.port';
import { ConfigurationItems } from '../../ports/change-references.port';
import type { ReviseBlackoutCommand } from './revise-blackout.command';

/** Replaces a blackout when it is still at the version the admin read; checked first, as a new one. */
@Injectable()
export class ReviseBlackoutHandler {
  constructor(
    @Inject(BlackoutWindowStore) private readonly blackouts: BlackoutWindowStore,
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ id, expectedVersion, blackout: spec }: ReviseBlackoutCommand): Promise<BlackoutWindow> {
    const stored = await this.blackouts.byId(id);
    if (stored === undefined) throw windowNotFound(id);
    if (stored.version !== expectedVersion) throw staleWindow(id, expectedVersion);
    const checked = checkBlackoutWindow(spec);
    await requireKnownTargets(this.cis, 'blackout', checked.serviceIds);
    const blackout: BlackoutWindow = { ...checked, id, createdAt: stored.createdAt, updatedAt: this.clock.now(), version: stored.version + 1 };
    if (!(await this.blackouts.replace(blackout, expectedVersion))) throw staleWindow(id, expectedVersion);
    this.calendar.blackoutSaved(blackout);
    return blackout;
  }
}
