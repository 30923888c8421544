import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain/change.errors';
import { cabOccurrences, compileCabSchedule, occurrenceRecord } from '../../../domain/cab';
import type { AgendaItem, CabMeeting, CabMinutes } from '../../../domain/cab';
import { CabMeetings } from '../../cab-meetings.service';
import { CabMeetingStore } from '../../ports/cab-stores.port';
import type { CabOccurrencesQuery } from './cab-occurrences.query';

const DAY_MS = 86_400_000;
/** The rolling window's longest span (agendas are built per occurrence). */
export const MAX_OCCURRENCE_RANGE_DAYS = 92;

export interface CabOccurrenceView {
  readonly meeting: CabMeeting;
  readonly start: Date;
  readonly end: Date;
  readonly agenda: readonly AgendaItem[];
  readonly minutes: CabMinutes | null;
}

/** Expands the series over the range and builds each occurrence's agenda; CHANGE.INVALID_INPUT for a range beyond 92 days. */
@Injectable()
export class CabOccurrencesHandler {
  constructor(
    @Inject(CabMeetings) private readonly meetings: CabMeetings,
    @Inject(CabMeetingStore) private readonly store: CabMeetingStore,
  ) {}

  async execute({ from, to, meetingId }: CabOccurrencesQuery): Promise<CabOccurrenceView[]> {
    if (!(to.getTime() > from.getTime()) || to.getTime() - from.getTime() > MAX_OCCURRENCE_RANGE_DAYS * DAY_MS) {
      throw new ChangeError(ChangeErrorCode.InvalidInput, `to must be after from, at most ${MAX_OCCURRENCE_RANGE_DAYS} days later`, { field: 'to' });
    }
    const series = meetingId === null ? await this.store.list(false) : [await this.meetings.meeting(meetingId)];
    const views: CabOccurrenceView[] = [];
    for (const meeting of series) {
      for (const occurrence of cabOccurrences(compileCabSchedule(meeting.schedule), from, to)) {
        const agenda = await this.meetings.agenda(meeting, occurrence);
        views.push({ meeting, ...occurrence, agenda, minutes: occurrenceRecord(meeting, occurrence.start).minutes });
      }
    }
    return views.sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}
