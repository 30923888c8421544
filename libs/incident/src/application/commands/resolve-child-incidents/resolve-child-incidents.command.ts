import type { EventEnvelope } from '@itsm/contracts';

/** A parent incident was resolved: its active children are resolved with it (closing does not cascade). */
export class ResolveChildIncidentsCommand {
  constructor(
    readonly parentId: string,
    readonly resolutionCode: string,
    readonly resolutionNotes: string,
    /** The parent's `resolved` event: each child records it, so a redelivery resolves nothing twice. */
    readonly resolved: EventEnvelope,
  ) {}
}
