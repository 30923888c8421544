import type { SourceEvent } from '../../../domain';

/** A consumed event of a notifiable topic, to project and notify on. */
export class NotifyOnEventCommand {
  constructor(
    readonly event: SourceEvent,
    readonly now: number,
  ) {}
}
