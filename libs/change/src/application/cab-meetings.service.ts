import { AggregateCommandRunner } from '@itsm/platform/persistence';
import type { Decision } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../domain/change.errors';
import { agendaChangeIds, buildAgenda, cabOccurrenceAt, compileCabSchedule } from '../domain/cab';
import type { AgendaItem, CabMeeting, CabMeetingEvent, CabOccurrence, CabRoster } from '../domain/cab';
import { People } from './ports/change-references.port';
import { CabAgendaChanges, CabMeetingStore } from './ports/cab-stores.port';

/** The most changes awaiting authorisation one agenda considers. */
export const AGENDA_CANDIDATE_LIMIT = 500;

/**
 * What every CAB use case needs: the meeting (CHANGE.MEETING_NOT_FOUND), one of its occurrences,
 * its roster from the directory projection, an occurrence's agenda from the change store, and the
 * platform's aggregate runner for writes (CHANGE.CONFLICT after lost races).
 */
@Injectable()
export class CabMeetings {
  private readonly runner: AggregateCommandRunner<CabMeeting, CabMeetingEvent>;

  constructor(
    @Inject(CabMeetingStore) private readonly store: CabMeetingStore,
    @Inject(People) private readonly people: People,
    @Inject(CabAgendaChanges) private readonly changes: CabAgendaChanges,
  ) {
    this.runner = new AggregateCommandRunner(store, { notFound: notFound, conflict: (id) => new ChangeError(ChangeErrorCode.Conflict, `CAB meeting ${id} is being changed by others; try again`, { meetingId: id }) });
  }

  async meeting(id: string): Promise<CabMeeting> {
    const meeting = await this.store.byId(id);
    if (meeting === undefined) throw notFound(id);
    return meeting;
  }

  /** The occurrence of the series starting at `start` (CHANGE.MEETING_NOT_FOUND when there is none). */
  occurrence(meeting: CabMeeting, start: Date): CabOccurrence {
    const occurrence = cabOccurrenceAt(compileCabSchedule(meeting.schedule), start);
    if (occurrence === undefined) {
      throw new ChangeError(ChangeErrorCode.MeetingNotFound, `CAB meeting ${meeting.id} does not meet at ${start.toISOString()}`, { meetingId: meeting.id, occurrenceStart: start.toISOString() });
    }
    return occurrence;
  }

  /** Its people (active) and its CAB groups' active members, with its delegates. */
  async roster(meeting: CabMeeting): Promise<CabRoster> {
    const [people, groups] = await Promise.all([this.people.people(meeting.memberIds), Promise.all(meeting.memberGroupIds.map((id) => this.people.group(id)))]);
    const memberIds = new Set([...people.values()].filter((p) => p.active).map((p) => p.id));
    for (const group of groups) for (const id of group?.memberIds ?? []) memberIds.add(id);
    return { memberIds, delegates: meeting.delegates };
  }

  async agenda(meeting: CabMeeting, occurrence: CabOccurrence): Promise<AgendaItem[]> {
    const [awaiting, named] = await Promise.all([this.changes.awaitingAuthorisation(meeting.models, AGENDA_CANDIDATE_LIMIT), this.changes.byIds(agendaChangeIds(meeting, occurrence))]);
    return buildAgenda(meeting, occurrence, [...named, ...awaiting]);
  }

  /** Load, decide on the fresh meeting, save state and events in one write (again after a lost race). */
  async run(id: string, decide: (current: CabMeeting) => Decision<CabMeeting, CabMeetingEvent> | Promise<Decision<CabMeeting, CabMeetingEvent>>): Promise<CabMeeting> {
    return (await this.runner.run(id, { decide })).aggregate;
  }
}

function notFound(id: string): ChangeError {
  return new ChangeError(ChangeErrorCode.MeetingNotFound, `CAB meeting ${id} not found`, { meetingId: id });
}
