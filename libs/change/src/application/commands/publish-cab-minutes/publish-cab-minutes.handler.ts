import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { occurrenceRecord, publishCabMinutes } from '../../../domain/cab';
import type { CabMinutes } from '../../../domain/cab';
import { CabMeetings } from '../../cab-meetings.service';
import type { PublishCabMinutesCommand } from './publish-cab-minutes.command';

/** Publishes the minutes once (itsm.change.cab-minutes-published.v1); the occurrence then takes no more decisions. */
@Injectable()
export class PublishCabMinutesHandler {
  constructor(
    @Inject(CabMeetings) private readonly meetings: CabMeetings,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: PublishCabMinutesCommand): Promise<CabMinutes> {
    const meeting = await this.meetings.meeting(command.meetingId);
    const occurrence = this.meetings.occurrence(meeting, command.occurrenceStart);
    const roster = await this.meetings.roster(meeting);
    const saved = await this.meetings.run(command.meetingId, async (current) => {
      const agenda = await this.meetings.agenda(current, occurrence);
      const outcome = publishCabMinutes(current, occurrence, agenda, roster, { attendeeIds: command.attendeeIds, by: command.by, byManager: command.byManager }, this.clock.now());
      return { aggregate: outcome.meeting, events: outcome.events };
    });
    const minutes = occurrenceRecord(saved, occurrence.start).minutes;
    if (minutes === null) throw new Error('minutes not recorded');
    return minutes;
  }
}
