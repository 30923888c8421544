import { Clock } from '@itsm/platform/config';
import { retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain/change.errors';
import { flagForCab } from '../../../domain/cab';
import type { AgendaItem } from '../../../domain/cab';
import { CabMeetings } from '../../cab-meetings.service';
import { CabAgendaChanges, CabMeetingStore } from '../../ports/cab-stores.port';
import type { FlagChangeForCabCommand } from './flag-change-for-cab.command';

/**
 * Flags a change for one occurrence: it must await authorisation in a model the meeting takes
 * (CHANGE.ILLEGAL_TRANSITION otherwise, CHANGE.NOT_FOUND when unknown). No event: the agenda is a
 * view; the flag is part of the meeting's record. Answers the occurrence's agenda.
 */
@Injectable()
export class FlagChangeForCabHandler {
  constructor(
    @Inject(CabMeetings) private readonly meetings: CabMeetings,
    @Inject(CabMeetingStore) private readonly store: CabMeetingStore,
    @Inject(CabAgendaChanges) private readonly changes: CabAgendaChanges,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: FlagChangeForCabCommand): Promise<AgendaItem[]> {
    const meeting = await this.meetings.meeting(command.meetingId);
    const occurrence = this.meetings.occurrence(meeting, command.occurrenceStart);
    const [change] = await this.changes.byIds([command.changeId]);
    if (change === undefined) throw new ChangeError(ChangeErrorCode.NotFound, `change ${command.changeId} not found`, { changeId: command.changeId });
    if (change.state !== 'authorize' || !meeting.models.includes(change.model)) {
      throw new ChangeError(ChangeErrorCode.IllegalTransition, `${change.number} is not awaiting this CAB's authorisation`, { changeId: change.changeId, state: change.state });
    }
    const reason = command.reason?.trim() ? command.reason.trim().slice(0, 2_000) : null;
    const saved = await retryOnConflict(
      async () => {
        const loaded = await this.store.load(command.meetingId);
        if (loaded === undefined) throw new ChangeError(ChangeErrorCode.MeetingNotFound, `CAB meeting ${command.meetingId} not found`, { meetingId: command.meetingId });
        const flagged = flagForCab(loaded.aggregate, occurrence, command.changeId, command.by, reason, this.clock.now());
        if (flagged !== loaded.aggregate) await this.store.save(loaded, flagged, []);
        return flagged;
      },
      () => new ChangeError(ChangeErrorCode.Conflict, `CAB meeting ${command.meetingId} is being changed by others; try again`, { meetingId: command.meetingId }),
    );
    return this.meetings.agenda(saved, occurrence);
  }
}
