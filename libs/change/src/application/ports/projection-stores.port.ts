import type { EventEnvelope } from '@itsm/contracts';
import type { CmdbChange } from '../projections/cmdb-change';

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
