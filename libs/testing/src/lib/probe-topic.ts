import { Type } from '@sinclair/typebox';
import { createEnvelope, defineTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { randomUUID } from 'node:crypto';

/** A topic that exists only for tests and benchmarks of the messaging platform. */
export function probeTopic<const N extends string>(name: N) {
  return defineTopic({
    name,
    aggregate: 'probe',
    partitions: 4,
    events: {
      'itsm.probe.recorded.v1': Type.Object(
        { key: Type.String({ minLength: 1 }), n: Type.Integer({ minimum: 0 }), note: Type.Optional(Type.String()) },
        { additionalProperties: false },
      ),
    },
  });
}

export type ProbeTopic = ReturnType<typeof probeTopic<string>>;
export type ProbeEvent = EventOf<ProbeTopic>;

/** A unique topic name per test: tests never share a stream. */
export function uniqueTopicName(label: string): string {
  return `itsm.test-${label}-${randomUUID().slice(0, 8)}.v1`;
}

export function probeEvent(key: string, sequence: number, n = sequence, source = '/itsm/probe'): ProbeEvent {
  return createEnvelope({
    id: randomUUID(),
    source,
    type: 'itsm.probe.recorded.v1',
    subject: key,
    time: new Date(),
    data: { key, n },
    sequence,
    correlationid: randomUUID(),
  });
}

/** `count` events spread round-robin over `keys` keys, each key's sequence 1, 2, 3, ... */
export function probeStream(keys: number, count: number, prefix = 'key'): ProbeEvent[] {
  const next = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const key = `${prefix}-${i % keys}`;
    const sequence = (next.get(key) ?? 0) + 1;
    next.set(key, sequence);
    return probeEvent(key, sequence);
  });
}
