import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { compileCabSchedule, nextCabOccurrence, recordCabDecision } from '../../../domain/cab';
import type { AgendaItem } from '../../../domain/cab';
import { CabMeetings } from '../../cab-meetings.service';
import { ChangeAuthorisation } from '../../ports/cab-stores.port';
import type { RecordCabDecisionCommand } from './record-cab-decision.command';

/**
 * Records a CAB decision. Everything is checked first on the meeting as it is (entitlement, the
 * agenda, the reason: CHANGE.NOT_ENTITLED, NOT_ON_AGENDA, ILLEGAL_TRANSITION, INVALID_INPUT; nothing
 * written); then authorise and reject call the core's `authorise-change` / `reject-change` (which
 * check the change's state), and only then the decision is written to the meeting with its event
 * (cab-decision-recorded). A deferral only writes the meeting: the change goes on the next agenda.
 */
@Injectable()
export class RecordCabDecisionHandler {
  constructor(
    @Inject(CabMeetings) private readonly meetings: CabMeetings,
    @Inject(ChangeAuthorisation) private readonly authorisation: ChangeAuthorisation,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RecordCabDecisionCommand): Promise<AgendaItem> {
    const meeting = await this.meetings.meeting(command.meetingId);
    const occurrence = this.meetings.occurrence(meeting, command.occurrenceStart);
    const [agenda, roster] = await Promise.all([this.meetings.agenda(meeting, occurrence), this.meetings.roster(meeting)]);
    const next = nextCabOccurrence(compileCabSchedule(meeting.schedule), occurrence.start);
    const input = { changeId: command.changeId, decision: command.decision, reason: command.reason, by: command.by };
    const checked = recordCabDecision(meeting, occurrence, agenda, roster, input, next, this.clock.now());
    if (command.decision === 'authorise') await this.authorisation.authorise(command.changeId, command.by, checked.item.decision?.reason ?? null);
    if (command.decision === 'reject') await this.authorisation.reject(command.changeId, command.by, checked.item.decision?.reason ?? '');
    let item = checked.item;
    await this.meetings.run(command.meetingId, (current) => {
      const outcome = recordCabDecision(current, occurrence, agenda, roster, input, next, this.clock.now());
      item = outcome.item;
      return { aggregate: outcome.meeting, events: outcome.events };
    });
    return item;
  }
}
