import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import { escalationPartition } from '../application/escalation-timers/escalation-partition';
import type { TicketRef } from '../domain';
import type { Escalation, EscalationState, PagedLevel } from '../domain/escalation/escalation';
import type { EscalationLevel } from '../domain/escalation/escalation-policy';

/** An escalation's document: the aggregate, its ticket's keys for the lists, its partition and, while it pages, its running key. */
export interface EscalationDocument {
  id: string;
  policyId: string;
  levels: EscalationLevel[];
  ticket: TicketRef;
  ticketTopic: string;
  ticketId: string;
  groupId: string | null;
  state: EscalationState;
  level: number;
  paged: PagedLevel[];
  startedBy: string;
  startedAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  exhaustedAt: Date | null;
  /** The partition of itsm.notification.v1 its events go to: whose owner runs its timers. */
  partition: number;
  /** Ticket topic, ticket id and policy while paging (null after): at most one runs per ticket and policy. */
  runningKey: string | null;
}

export const escalationSchema = new Schema<EscalationDocument>(
  {
    id: { type: String, required: true },
    policyId: { type: String, required: true },
    levels: { type: [{}], required: true },
    ticket: { type: {}, required: true },
    ticketTopic: { type: String, required: true },
    ticketId: { type: String, required: true },
    groupId: { type: String, default: null },
    state: { type: String, required: true },
    level: { type: Number, required: true },
    paged: { type: [{}], required: true },
    startedBy: { type: String, required: true },
    startedAt: { type: Date, required: true },
    acknowledgedBy: { type: String, default: null },
    acknowledgedAt: { type: Date, default: null },
    exhaustedAt: { type: Date, default: null },
    partition: { type: Number, required: true },
    runningKey: { type: String, default: null },
  },
  { collection: 'notification_escalations', id: false },
);
escalationSchema.plugin(aggregateDocumentPlugin);
// One running escalation per ticket and policy.
escalationSchema.index({ runningKey: 1 }, { unique: true, partialFilterExpression: { runningKey: { $type: 'string' } } });
// A ticket's escalations, newest first.
escalationSchema.index({ ticketTopic: 1, ticketId: 1, startedAt: -1 });
// What a replica arms when it takes partitions over.
escalationSchema.index({ state: 1, partition: 1 });

export function runningKey(ticketTopic: string, ticketId: string, policyId: string): string {
  return `${ticketTopic}\u0000${ticketId}\u0000${policyId}`;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const millis = (d: Date | null): number | null => (d === null ? null : new Date(d).getTime());

export const escalationMapper: AggregateMapper<Escalation, EscalationDocument> = {
  toDocument: (e) => ({
    ...e,
    levels: [...e.levels],
    paged: [...e.paged],
    ticketTopic: e.ticket.topic,
    ticketId: e.ticket.id,
    startedAt: new Date(e.startedAt),
    acknowledgedAt: date(e.acknowledgedAt),
    exhaustedAt: date(e.exhaustedAt),
    partition: escalationPartition(e.id),
    runningKey: e.state === 'paging' ? runningKey(e.ticket.topic, e.ticket.id, e.policyId) : null,
  }),
  toDomain: escalationOfDocument,
};

export function escalationOfDocument(d: EscalationDocument): Escalation {
  return {
    id: d.id,
    policyId: d.policyId,
    levels: d.levels,
    ticket: d.ticket,
    groupId: d.groupId,
    state: d.state,
    level: d.level,
    paged: d.paged,
    startedBy: d.startedBy,
    startedAt: new Date(d.startedAt).getTime(),
    acknowledgedBy: d.acknowledgedBy,
    acknowledgedAt: millis(d.acknowledgedAt),
    exhaustedAt: millis(d.exhaustedAt),
  };
}
