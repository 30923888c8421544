import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { AggregateRepository, aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { probeTopic } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import type { Connection, Types } from 'mongoose';

/** A minimal aggregate for exercising the outbox: a counter that emits one event per increment. */
export interface Counter {
  readonly name: string;
  readonly total: number;
  readonly sequence: number;
}

interface CounterDocument {
  name: string;
  total: number;
  sequence: number;
}

const mapper: AggregateMapper<Counter, CounterDocument> = {
  toDocument: (c) => ({ name: c.name, total: c.total, sequence: c.sequence }),
  toDomain: (d) => ({ name: d.name, total: d.total, sequence: d.sequence }),
};

export function counterRepository(connection: Connection, afterCommit?: () => void): AggregateRepository<Counter, CounterDocument> {
  const schema = new Schema<CounterDocument>({ name: String, total: Number, sequence: Number });
  schema.plugin(aggregateDocumentPlugin);
  const model = connection.models['Counter'] ?? connection.model('Counter', schema, 'counters');
  return new AggregateRepository(model as never, mapper, afterCommit);
}

/** Increments the counter: the new state and the event that records it. */
export function increment(id: Types.ObjectId, counter: Counter, by: number): { counter: Counter; event: EventEnvelope } {
  const sequence = counter.sequence + 1;
  const event = createEnvelope({
    id: randomUUID(),
    source: '/itsm/test/counter',
    type: 'itsm.probe.recorded.v1',
    subject: id.toHexString(),
    time: new Date(),
    data: { key: counter.name, n: counter.total + by },
    sequence,
    correlationid: randomUUID(),
  });
  return { counter: { ...counter, total: counter.total + by, sequence }, event };
}

export const counterTopic = (name: string) => probeTopic(name);
