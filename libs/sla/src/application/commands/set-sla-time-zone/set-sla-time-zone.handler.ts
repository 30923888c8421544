import { Inject, Injectable } from '@nestjs/common';
import { assertTimeZone } from '../../../domain';
import { SlaTimeZoneStore } from '../../../persistence';
import type { SetSlaTimeZoneCommand } from './set-sla-time-zone.command';

/** Refuses a zone the IANA database does not know (SLA.UNKNOWN_TIME_ZONE); later derivations use the new zone. */
@Injectable()
export class SetSlaTimeZoneHandler {
  constructor(@Inject(SlaTimeZoneStore) private readonly timeZones: SlaTimeZoneStore) {}

  async execute({ subject, subjectId, timeZone }: SetSlaTimeZoneCommand): Promise<void> {
    assertTimeZone(timeZone);
    await this.timeZones.setTimeZone(subject, subjectId, timeZone);
  }
}
