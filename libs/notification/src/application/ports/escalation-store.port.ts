import type { EventEnvelope } from '@itsm/contracts';
import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation';

/** A paging escalation as the timers arm it: where its events go (the partition of its key on itsm.notification.v1). */
export interface ArmedEscalation {
  readonly escalation: Escalation;
  readonly partition: number;
}

/** Escalations, one aggregate each, written with their events (outbox on itsm.notification.v1, keyed by the escalation's id). */
export abstract class EscalationStore implements AggregateStore<Escalation, EscalationEvent> {
  abstract load(id: string): Promise<Loaded<Escalation> | undefined>;
  abstract save(loaded: Loaded<Escalation>, escalation: Escalation, events: readonly EscalationEvent[], consumed?: EventEnvelope): Promise<SaveResult>;
  /** Writes a new escalation with its first events; false when its id, or a running escalation of the same ticket and policy, exists. */
  abstract create(escalation: Escalation, events: readonly EscalationEvent[]): Promise<boolean>;
  /** The running (paging) escalation of a ticket under a policy. */
  abstract runningFor(ticketTopic: string, ticketId: string, policyId: string): Promise<Escalation | null>;
  /** A ticket's escalations, newest first (at most `limit`). */
  abstract ofTicket(ticketTopic: string, ticketId: string, limit: number): Promise<readonly Escalation[]>;
  /** The paging escalations whose events go to these partitions (what a replica arms when it takes them over). */
  abstract paging(partitions: readonly number[]): AsyncIterable<ArmedEscalation>;
}
