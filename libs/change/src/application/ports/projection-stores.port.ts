import type { EventEnvelope } from '@itsm/contracts';
import type { CausedIncident, ClosedChange } from '../../domain';
import type { CmdbChange } from '../projections/cmdb-change';
import type { IncidentLinkChange } from '../projections/incident-change-links';

/** The event a change comes from: its stream (source + subject) and sequence make applying it idempotent. */
export type AppliedEvent = Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>;

/**
 * Where the change context keeps its projection of the CMDB. Each change is applied at most once
 * and never over a later event of its stream: `duplicate` when the record has applied this event
 * or a later one.
 */
export abstract class CmdbProjectionStore {
  abstract apply(change: CmdbChange, event: AppliedEvent): Promise<'applied' | 'duplicate'>;
}

/** The incidents changes caused, as the change context keeps them from `itsm.incident.v1` (canceled incidents left out of reads). */
export abstract class CausedIncidentStore {
  abstract apply(change: IncidentLinkChange, event: AppliedEvent): Promise<'applied' | 'duplicate'>;
  /** The live incidents linked to any of `changeIds`, one entry per (incident, change). */
  abstract causedBy(changeIds: readonly string[]): Promise<readonly CausedIncident[]>;
  /** The change an incident is linked to as its cause, or null. */
  abstract causeOf(incidentId: string): Promise<string | null>;
}

/** Closed changes with their outcome, as the change context keeps them from its own stream for the success score. */
export abstract class ClosedChangeStore {
  abstract apply(closed: ClosedChange, event: AppliedEvent): Promise<'applied' | 'duplicate'>;
  /** The changes closed in [from, to), at most `limit`. */
  abstract closedBetween(from: Date, to: Date, limit: number): Promise<readonly ClosedChange[]>;
}
