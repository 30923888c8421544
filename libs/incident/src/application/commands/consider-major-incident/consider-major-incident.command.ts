import type { EventEnvelope } from '@itsm/contracts';

/** An incident was opened, re-prioritised or linked: check it against the major-incident rules. */
export class ConsiderMajorIncidentCommand {
  constructor(
    readonly incidentId: string,
    /** The event that asks: recorded with the proposal, so a redelivery proposes nothing twice. */
    readonly cause: EventEnvelope,
  ) {}
}
