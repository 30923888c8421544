import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendarSpec } from '../../../domain';
import type { Versioned } from '../../../persistence';
import { SlaCatalog } from '../../sla-catalog';
import type { SlaCalendarsQuery } from './sla-calendars.query';

/** The calendars in force on this replica (reloaded when the stored revision moves). */
@Injectable()
export class SlaCalendarsHandler {
  constructor(@Inject(SlaCatalog) private readonly policies: SlaCatalog) {}

  execute(_query: SlaCalendarsQuery = {}): Versioned<BusinessCalendarSpec>[] {
    return this.policies.listCalendars();
  }
}
