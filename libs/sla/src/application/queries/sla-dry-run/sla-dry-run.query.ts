import type { BusinessCalendarSpec, SlaDefinition } from '../../../domain';

export interface SlaProposal {
  readonly calendar?: BusinessCalendarSpec;
  readonly definition?: SlaDefinition;
}

/** What saving this calendar and/or definition would do to every open ticket's clocks; nothing is saved. */
export interface SlaDryRunQuery {
  readonly proposal: SlaProposal;
  /** How many changes to list (all are counted). */
  readonly limit: number;
}
