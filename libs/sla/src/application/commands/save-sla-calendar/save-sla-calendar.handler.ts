import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendarSpec } from '../../../domain';
import { validateCalendar } from '../../../domain';
import type { Versioned } from '../../../persistence';
import { SlaPolicyStore } from '../../../persistence';
import { SlaPolicySet } from '../../sla-policy-set';
import { assertExpectedVersion, policiesChanged, policyConflict } from '../sla-policy-writes';
import type { SaveSlaCalendarCommand } from './save-sla-calendar.command';

/**
 * Validates the calendar whole before anything is written; a save based on another version than
 * the stored one loses with SLA.CONFLICT. A saved calendar is in force on every replica after its poll.
 */
@Injectable()
export class SaveSlaCalendarHandler {
  constructor(
    @Inject(SlaPolicyStore) private readonly store: SlaPolicyStore,
    @Inject(SlaPolicySet) private readonly policies: SlaPolicySet,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ by, calendar, expectedVersion }: SaveSlaCalendarCommand): Promise<Versioned<BusinessCalendarSpec>> {
    const valid = validateCalendar(calendar);
    assertExpectedVersion('calendar', valid.id, this.policies.calendar(valid.id)?.version ?? 0, expectedVersion);
    const at = this.clock.now();
    if (!(await this.store.saveCalendar(valid, expectedVersion, by, at))) throw policyConflict('calendar', valid.id);
    await policiesChanged(this.store, this.policies);
    return { value: valid, version: expectedVersion + 1, updatedBy: by, updatedAt: at };
  }
}
