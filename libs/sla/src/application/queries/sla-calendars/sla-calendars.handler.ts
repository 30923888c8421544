import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendarSpec } from '../../../domain';
import type { Versioned } from '../../../persistence';
import { SlaPolicySet } from '../../sla-policy-set';
import type { SlaCalendarsQuery } from './sla-calendars.query';

/** The calendars in force on this replica (reloaded when the stored revision moves). */
@Injectable()
export class SlaCalendarsHandler {
  constructor(@Inject(SlaPolicySet) private readonly policies: SlaPolicySet) {}

  execute(_query: SlaCalendarsQuery = {}): Versioned<BusinessCalendarSpec>[] {
    return this.policies.listCalendars();
  }
}
