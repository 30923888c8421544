import type { TimerClaim, TimerClaimCollections } from '@itsm/platform/scheduling';
import { MongoTimerClaimStore, timerClaimIndexes } from '@itsm/platform/scheduling';
import type { Connection } from 'mongoose';

/**
 * A claimed emission: inserting it (its `_id` derives from the ticket and the emission key) is what
 * makes a warning or breach happen once, whichever replica or restart tries; it holds the envelope
 * so a claim whose publish was interrupted is published again, identical, on recovery. Its timer
 * key is the ticket key.
 */
export type Firing = TimerClaim;

/** `sla_firings` (the timer key stored as `ticketKey`) and `sla_publish_checkpoints`. */
export const SLA_FIRINGS: TimerClaimCollections = {
  claims: 'sla_firings',
  checkpoints: 'sla_publish_checkpoints',
  idPrefix: 'sla',
  timerKeyField: 'ticketKey',
};

/** The SLA timer wheel's claims and publish checkpoints: the platform's Mongo timer-claim store. */
export class SlaFiringRepository extends MongoTimerClaimStore {
  static readonly indexes = timerClaimIndexes(SLA_FIRINGS);

  constructor(connection: Connection) {
    super(connection, SLA_FIRINGS);
  }
}
