import type { ChangeStreamEvent } from '../../projections/closed-change';

/** An event of the change context's own stream: a closing is recorded for the success score. */
export class ProjectChangeOutcomeCommand {
  constructor(readonly event: ChangeStreamEvent) {}
}
