import type { EventEnvelope } from '@itsm/contracts';

/** A problem was resolved: the incidents on hold waiting on it are resolved with it. */
export class ResolveIncidentsWaitingOnProblemCommand {
  constructor(
    readonly problemId: string,
    readonly resolutionNotes: string,
    /** The problem's `resolved` event: each incident records it, so a redelivery resolves nothing twice. */
    readonly resolved: EventEnvelope,
  ) {}
}
