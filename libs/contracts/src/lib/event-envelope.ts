/**
 * A CloudEvents 1.0 event as this platform exchanges it (https://github.com/cloudevents/spec).
 * The extensions carry what ordering, idempotency and tracing need across services and suppliers.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly specversion: '1.0';
  /** Unique per source: (source, id) identifies the event; a redelivery carries the same pair. */
  readonly id: string;
  /** URI-reference of the producer, e.g. `/itsm/incident` or `/suppliers/acme`. */
  readonly source: string;
  /** Versioned event type, e.g. `itsm.incident.opened.v1`. */
  readonly type: TType;
  /** The aggregate id; also the Kafka key, so one aggregate's events stay in order. */
  readonly subject: string;
  /** RFC 3339 timestamp of the occurrence. */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: TData;
  /** Extension: 1-based position of this event in its aggregate's stream (source, subject). */
  readonly sequence: number;
  /** Extension: the business flow this event belongs to. */
  readonly correlationid: string;
  /** Extension: the id of the event or request that caused this one. */
  readonly causationid?: string;
  /** Extension: W3C trace context (distributed tracing extension). */
  readonly traceparent?: string;
  /** Extension: the tenant or supplier organisation the event belongs to. */
  readonly tenant?: string;
}

/** Envelope fields a producer chooses; the rest is filled by `createEnvelope`. */
export type NewEnvelope<TType extends string, TData> = Omit<EventEnvelope<TType, TData>, 'specversion' | 'datacontenttype' | 'time'> & {
  readonly time: Date;
};

export function createEnvelope<TType extends string, TData>(e: NewEnvelope<TType, TData>): EventEnvelope<TType, TData> {
  return {
    specversion: '1.0',
    id: e.id,
    source: e.source,
    type: e.type,
    subject: e.subject,
    time: e.time.toISOString(),
    datacontenttype: 'application/json',
    data: e.data,
    sequence: e.sequence,
    correlationid: e.correlationid,
    ...(e.causationid === undefined ? {} : { causationid: e.causationid }),
    ...(e.traceparent === undefined ? {} : { traceparent: e.traceparent }),
    ...(e.tenant === undefined ? {} : { tenant: e.tenant }),
  };
}
