import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { SCHEDULE_HOLDING_STATES, ScheduleIndex, scheduledChangeOf } from '../../domain';
import type { Change } from '../../domain';
import { sequenceOfNumber } from '../change-ids';
import { ChangeReads } from '../ports/change-store.port';
import { CALENDAR_REFRESH_MS } from './change-calendar.service';
import { RefreshingValue } from './refreshing-value';

const PAGE = 100;

/**
 * The replica's interval index of changes holding planned windows (authorize, scheduled,
 * implement): built from the change store, kept current at once by this replica's own writes
 * (`apply`, called by the store after each write), and rebuilt when older than CALENDAR_REFRESH_MS
 * so other replicas' writes arrive too. Conflict checks and the free-window search read it.
 */
@Injectable()
export class ChangeScheduleService {
  private readonly loaded: RefreshingValue<ScheduleIndex>;

  constructor(
    @Inject(ChangeReads) private readonly reads: ChangeReads,
    @Inject(Clock) clock: Clock,
  ) {
    this.loaded = new RefreshingValue(() => this.rebuild(), () => clock.now().getTime(), CALENDAR_REFRESH_MS);
  }

  index(): Promise<ScheduleIndex> {
    return this.loaded.get();
  }

  /** A change as just written: in the index when it holds a window, out of it when not. */
  apply(change: Change): void {
    this.loaded.peek()?.apply(change.id, scheduledChangeOf(change));
  }

  private async rebuild(): Promise<ScheduleIndex> {
    const index = new ScheduleIndex();
    let afterSeq: number | undefined;
    for (;;) {
      const page = await this.reads.list({ kind: 'all' }, { states: SCHEDULE_HOLDING_STATES }, PAGE, afterSeq);
      for (const change of page.items) index.apply(change.id, scheduledChangeOf(change));
      const last = page.items[page.items.length - 1];
      if (!page.hasNextPage || last === undefined) break;
      afterSeq = sequenceOfNumber(last.number);
    }
    return index;
  }
}
