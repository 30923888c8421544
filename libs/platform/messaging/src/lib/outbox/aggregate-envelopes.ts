import { ContractError, createEnvelope } from '@itsm/contracts';
import type { EventEnvelope, TopicRegistry } from '@itsm/contracts';
import { activeTraceparent, currentCorrelation } from '@itsm/platform/observability';
import { randomUUID } from 'node:crypto';

/** One domain event before it is wrapped: its type and its payload (which says when, `at`). */
export interface DomainEvent {
  readonly type: string;
  readonly data: { readonly at: string };
}

/** How one context wraps its aggregates' events. */
export interface AggregateEnvelopeOptions {
  readonly registry: TopicRegistry;
  /** The topic an event type travels on. */
  readonly topicOf: (type: string) => string;
  /** The CloudEvents `source` of the context (e.g. `/itsm/incident`). */
  readonly source: string;
  /** The context's own error for a payload outside its schema (e.g. INCIDENT.INVALID_INPUT). */
  readonly invalid: (message: string) => Error;
}

/**
 * CloudEvents envelopes for an aggregate's new events, numbered after its last sequence and carrying
 * the correlation of the request or event being handled (its id becomes their causation) and its
 * trace context: the span running now (the request's or the consumed event's), else the caller's
 * `traceparent`. Stored with the outbox entry, it makes the relay's later publishing part of the
 * trace that wrote the event. Every
 * payload is checked against its topic first: nothing is written to an outbox that could not be
 * published.
 */
export function aggregateEnvelopes(options: AggregateEnvelopeOptions, subject: string, lastSequence: number, events: readonly DomainEvent[]): EventEnvelope[] {
  const correlation = currentCorrelation();
  const traceparent = activeTraceparent() ?? correlation?.traceparent;
  for (const event of events) {
    try {
      options.registry.validatePayload(options.topicOf(event.type), event.type, event.data);
    } catch (error) {
      if (error instanceof ContractError) throw options.invalid([error.message, ...error.details].join('; '));
      throw error;
    }
  }
  return events.map((event, index) =>
    createEnvelope({
      id: randomUUID(),
      source: options.source,
      type: event.type,
      subject,
      time: new Date(event.data.at),
      data: event.data,
      sequence: lastSequence + index + 1,
      correlationid: correlation?.correlationId ?? randomUUID(),
      ...(correlation?.causationId === undefined ? {} : { causationid: correlation.causationId }),
      ...(traceparent === undefined ? {} : { traceparent }),
    }),
  );
}
