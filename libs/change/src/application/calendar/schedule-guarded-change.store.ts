import type { EventEnvelope } from '@itsm/contracts';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import { assertOutsideBlackouts } from '../../domain';
import type { Change, ChangeEvent } from '../../domain';
import { ChangeStore } from '../ports/change-store.port';
import type { ChangeCalendarService } from './change-calendar.service';
import type { ChangeScheduleService } from './change-schedule.service';

/**
 * The change store every handler writes through, with the calendar's rules around each write:
 * before it, a change left scheduled inside a blackout is refused (CHANGE.BLACKOUT, nothing
 * written) unless it is an emergency with an override reason; after it, the schedule index takes
 * the change as written. Wraps the repository, so no handler can schedule around the check.
 */
export class ScheduleGuardedChangeStore extends ChangeStore {
  constructor(
    private readonly inner: ChangeStore,
    private readonly calendar: ChangeCalendarService,
    private readonly schedule: ChangeScheduleService,
  ) {
    super();
  }

  load(id: string): Promise<Loaded<Change> | undefined> {
    return this.inner.load(id);
  }

  async create(change: Change, events: readonly ChangeEvent[]): Promise<SaveResult> {
    assertOutsideBlackouts(null, change, await this.calendar.calendar());
    const result = await this.inner.create(change, events);
    this.schedule.apply(change);
    return result;
  }

  async save(loaded: Loaded<Change>, change: Change, events: readonly ChangeEvent[], consumed?: EventEnvelope): Promise<SaveResult> {
    assertOutsideBlackouts(loaded.aggregate, change, await this.calendar.calendar());
    const result = await this.inner.save(loaded, change, events, consumed);
    this.schedule.apply(change);
    return result;
  }
}
