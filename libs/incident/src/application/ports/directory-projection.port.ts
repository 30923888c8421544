import type { EventEnvelope } from '@itsm/contracts';
import type { DirectoryChange } from '@itsm/platform/persistence';

/** The event a change comes from: its stream (source + subject) and sequence make applying it idempotent. */
export type AppliedEvent = Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>;

/**
 * Where the directory's organisations, people and groups are kept for this context. Each change is
 * applied at most once and never over a later event of its stream: `duplicate` when the record has
 * applied this event or a later one.
 */
export abstract class DirectoryProjectionStore {
  abstract apply(change: DirectoryChange, event: AppliedEvent): Promise<'applied' | 'duplicate'>;
}
