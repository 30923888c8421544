import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { SCHEDULE_HOLDING_STATES, ScheduleIndex, scheduledChangeOf } from '../../domain';
import type { Change } from '../../domain';
import { sequenceOfNumber } from '../change-ids';
import { ChangeReads } from '../ports/change-store.port';
import { CALENDAR_REFRESH_MS } from './change-calendar.service';

const PAGE = 100;

/**
 * The replica's interval index of changes holding planned windows (authorize, scheduled,
 * implement): built from the change store, kept current at once by this replica's own writes
 * (`apply`, called by the store after each write), and rebuilt when older than CALENDAR_REFRESH_MS
 * so other replicas' writes arrive too. Conflict checks and the free-window search read it.
 */
@Injectable()
export class ChangeScheduleService {
  private current: { readonly index: ScheduleIndex; readonly at: number } | undefined;
  private loading: Promise<ScheduleIndex> | undefined;

  constructor(
    @Inject(ChangeReads) private readonly reads: ChangeReads,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async index(): Promise<ScheduleIndex> {
    const now = this.clock.now().getTime();
    if (this.current !== undefined && now - this.current.at < CALENDAR_REFRESH_MS) return this.current.index;
    this.loading ??= this.rebuild(now).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** A change as just written: in the index when it holds a window, out of it when not. */
  apply(change: Change): void {
    this.current?.index.apply(change.id, scheduledChangeOf(change));
  }

  private async rebuild(now: number): Promise<ScheduleIndex> {
    const index = new ScheduleIndex();
    let afterSeq: number | undefined;
    for (;;) {
      const page = await this.reads.list({ kind: 'all' }, { states: SCHEDULE_HOLDING_STATES }, PAGE, afterSeq);
      for (const change of page.items) index.apply(change.id, scheduledChangeOf(change));
      const last = page.items[page.items.length - 1];
      if (!page.hasNextPage || last === undefined) break;
      afterSeq = sequenceOfNumber(last.number);
    }
    this.current = { index, at: now };
    return index;
  }
}
