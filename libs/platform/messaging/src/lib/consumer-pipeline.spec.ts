import { encodeEnvelope, TopicRegistry } from '@itsm/contracts';
import { probeEvent, probeTopic } from '@itsm/testing';
import { ConsumerPipeline } from './consumer-pipeline';
import type { ConsumedRecord } from './dead-letter';
import { DLQ_HEADERS } from './dead-letter';
import type { DeliveredEvent, RawOutgoingRecord } from './event-bus';
import { MessagingError, MessagingErrorCode } from './messaging.errors';

const topic = probeTopic('itsm.pipeline.v1');
const registry = new TopicRegistry([topic]);
const fastRetry = { maxAttempts: 3, backoff: { baseMs: 1, maxMs: 2, jitter: 0 } };

function recordOf(event = probeEvent('k1', 1)): ConsumedRecord {
  const encoded = encodeEnvelope(event);
  return { topic: topic.name, partition: 2, offset: '41', key: encoded.key, value: encoded.value, headers: encoded.headers };
}

function setup(handler: (event: DeliveredEvent) => Promise<void>) {
  const deadLetters: { topic: string; record: RawOutgoingRecord }[] = [];
  const pipeline = new ConsumerPipeline({
    group: 'svc-test',
    registry,
    handler,
    retry: fastRetry,
    deadLetter: (dlqTopic, record) => {
      deadLetters.push({ topic: dlqTopic, record });
      return Promise.resolve();
    },
    clock: () => new Date('2026-11-22T08:00:00Z'),
  });
  return { pipeline, deadLetters, control: { signal: new AbortController().signal } };
}

describe('ConsumerPipeline', () => {
  it('hands a valid event to the handler once', async () => {
    const seen: DeliveredEvent[] = [];
    const { pipeline, deadLetters, control } = setup((event) => {
      seen.push(event);
      return Promise.resolve();
    });
    const event = probeEvent('k1', 7);
    await expect(pipeline.process(recordOf(event), control)).resolves.toBe('handled');
    expect(seen).toEqual([{ envelope: event, record: { headers: expect.objectContaining({ ce_id: event.id }), value: expect.any(Buffer) }, topic: topic.name, partition: 2, offset: '41', attempt: 1 }]);
    expect(deadLetters).toEqual([]);
  });

  it('retries a failing handler, then succeeds without dead-lettering', async () => {
    const attempts: number[] = [];
    const { pipeline, deadLetters, control } = setup((event) => {
      attempts.push(event.attempt);
      return event.attempt < 3 ? Promise.reject(new Error('flaky')) : Promise.resolve();
    });
    await expect(pipeline.process(recordOf(), control)).resolves.toBe('handled');
    expect(attempts).toEqual([1, 2, 3]);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters after maxAttempts with the error, the original bytes and headers', async () => {
    const { pipeline, deadLetters, control } = setup(() => Promise.reject(new Error('database says no')));
    const record = recordOf();
    await expect(pipeline.process(record, control)).resolves.toBe('dead-lettered');
    expect(deadLetters).toHaveLength(1);
    const [dead] = deadLetters;
    expect(dead?.topic).toBe('itsm.pipeline.v1.dlq');
    expect(dead?.record.value).toEqual(record.value);
    expect(dead?.record.key).toBe('k1');
    expect(dead?.record.headers).toMatchObject({
      ...record.headers,
      [DLQ_HEADERS.code]: MessagingErrorCode.HandlerFailed,
      [DLQ_HEADERS.reason]: 'Error: database says no',
      [DLQ_HEADERS.group]: 'svc-test',
      [DLQ_HEADERS.topic]: 'itsm.pipeline.v1',
      [DLQ_HEADERS.partition]: '2',
      [DLQ_HEADERS.offset]: '41',
      [DLQ_HEADERS.attempts]: '3',
      [DLQ_HEADERS.failedAt]: '2026-11-22T08:00:00.000Z',
    });
  });

  it('dead-letters a non-retryable failure at once, keeping its code', async () => {
    let calls = 0;
    const { pipeline, deadLetters, control } = setup(() => {
      calls++;
      return Promise.reject(new MessagingError(MessagingErrorCode.SequenceGap, 'gap', false));
    });
    await pipeline.process(recordOf(), control);
    expect(calls).toBe(1);
    expect(deadLetters[0]?.record.headers[DLQ_HEADERS.code]).toBe(MessagingErrorCode.SequenceGap);
  });

  it('dead-letters a malformed envelope without calling the handler', async () => {
    const handler = jest.fn(() => Promise.resolve());
    const { pipeline, deadLetters, control } = setup(handler);
    const record = { ...recordOf(), headers: { ...recordOf().headers, ce_specversion: '0.3' } };
    await expect(pipeline.process(record, control)).resolves.toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters[0]?.record.headers[DLQ_HEADERS.code]).toBe('CONTRACT.MALFORMED_ENVELOPE');
    expect(deadLetters[0]?.record.headers[DLQ_HEADERS.attempts]).toBe('0');
  });

  it('dead-letters a payload that fails its schema, naming the field', async () => {
    const handler = jest.fn(() => Promise.resolve());
    const { pipeline, deadLetters, control } = setup(handler);
    const bad = { ...probeEvent('k1', 1), data: { key: 'k1', n: -1 } };
    await pipeline.process(recordOf(bad), control);
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters[0]?.record.headers[DLQ_HEADERS.code]).toBe('CONTRACT.INVALID_PAYLOAD');
    expect(deadLetters[0]?.record.headers[DLQ_HEADERS.reason]).toMatch(/\/n must be >= 0/);
  });

  it('stops retrying on shutdown and leaves the record uncommitted', async () => {
    const abort = new AbortController();
    const { pipeline, deadLetters } = setup(() => {
      abort.abort();
      return Promise.reject(new Error('down'));
    });
    await expect(pipeline.process(recordOf(), { signal: abort.signal })).resolves.toBe('aborted');
    expect(deadLetters).toEqual([]);
  });

  it('throws when the dead-letter write fails, so the record is redelivered rather than lost', async () => {
    const pipeline = new ConsumerPipeline({
      group: 'svc-test',
      registry,
      handler: () => Promise.reject(new Error('boom')),
      retry: { ...fastRetry, maxAttempts: 1 },
      deadLetter: () => Promise.reject(new Error('broker down')),
    });
    await expect(pipeline.process(recordOf(), { signal: new AbortController().signal })).rejects.toThrow('broker down');
  });
});

describe('ConsumerPipeline dead-letter reasons', () => {
  it('keeps the content of a non-Error rejection', async () => {
    const deadLetters: RawOutgoingRecord[] = [];
    const pipeline = new ConsumerPipeline({
      group: 'g',
      registry,
      handler: () => Promise.reject({ status: 'error', message: 'Internal server error' }),
      retry: { ...fastRetry, maxAttempts: 1 },
      deadLetter: (_topic, record) => Promise.resolve(void deadLetters.push(record)),
    });
    await pipeline.process(recordOf(), { signal: new AbortController().signal });
    expect(deadLetters[0]?.headers[DLQ_HEADERS.reason]).toBe('{"status":"error","message":"Internal server error"}');
  });
});

describe('ConsumerPipeline.processBatch (batch delivery)', () => {
  const at = (event: ReturnType<typeof probeEvent>, offset: number): ConsumedRecord => ({ ...recordOf(event), offset: String(offset) });

  function batchSetup(handleBatch: (events: readonly DeliveredEvent[]) => Promise<void>, options: { topics?: string[]; maxBatch?: number } = {}) {
    const calls: { sequences: number[]; attempts: number[] }[] = [];
    const perRecord: number[] = [];
    const outcomes: string[] = [];
    const retries: string[] = [];
    const deadLetters: RawOutgoingRecord[] = [];
    const pipeline = new ConsumerPipeline({
      group: 'svc-batch',
      registry,
      handler: (event) => Promise.resolve(void perRecord.push(event.envelope.sequence)),
      batch: {
        handle: (events) => {
          calls.push({ sequences: events.map((e) => e.envelope.sequence), attempts: events.map((e) => e.attempt) });
          return handleBatch(events);
        },
        ...options,
      },
      retry: fastRetry,
      deadLetter: (_topic, record) => Promise.resolve(void deadLetters.push(record)),
      observer: {
        onOutcome: (_group, _topic, outcome) => void outcomes.push(outcome),
        onRetry: (_group, envelope, attempt) => void retries.push(`${envelope.sequence}@${attempt}`),
      },
    });
    return { pipeline, calls, perRecord, outcomes, retries, deadLetters, control: { signal: new AbortController().signal } };
  }
  const run = (n: number, from = 0) => Array.from({ length: n }, (_, i) => at(probeEvent('k1', i + 1), from + i));

  it('hands a valid run to the batch handler in one call, in offset order, as first attempts', async () => {
    const { pipeline, calls, perRecord, outcomes, deadLetters, control } = batchSetup(() => Promise.resolve());
    await expect(pipeline.processBatch(run(5, 10), control)).resolves.toBe(5);
    expect(calls).toEqual([{ sequences: [1, 2, 3, 4, 5], attempts: [1, 1, 1, 1, 1] }]);
    expect(perRecord).toEqual([]);
    expect(deadLetters).toEqual([]);
    expect(outcomes).toEqual(['handled', 'handled', 'handled', 'handled', 'handled']);
  });

  it('ends a run at an invalid record after a valid one; the next run dead-letters it alone and hands the others over in one call', async () => {
    const { pipeline, calls, outcomes, deadLetters, control } = batchSetup(() => Promise.resolve());
    const records = run(4);
    records[1] = at({ ...probeEvent('k1', 2), data: { key: 'k1', n: -1 } }, 1);
    // Nothing past what a call answers done is dead-lettered (a redelivery of the rest dead-letters nothing twice).
    await expect(pipeline.processBatch(records, control)).resolves.toBe(1);
    expect(deadLetters).toHaveLength(0);
    await expect(pipeline.processBatch(records.slice(1), control)).resolves.toBe(3);
    // A run of one takes the retry path at once (attempt 1), the rest one call.
    expect(calls).toEqual([{ sequences: [1], attempts: [1] }, { sequences: [3, 4], attempts: [1, 1] }]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.headers[DLQ_HEADERS.code]).toBe('CONTRACT.INVALID_PAYLOAD');
    expect(deadLetters[0]?.headers[DLQ_HEADERS.offset]).toBe('1');
    expect([...outcomes].sort()).toEqual(['dead-lettered', 'handled', 'handled', 'handled']);
  });

  it('isolates a poison event when the run call throws: the others are handled once alone, the poison dead-lettered after maxAttempts calls', async () => {
    // The handler fails any call that holds sequence 3.
    const { pipeline, calls, outcomes, retries, deadLetters, control } = batchSetup((events) =>
      events.some((e) => e.envelope.sequence === 3) ? Promise.reject(new Error('cannot apply 3')) : Promise.resolve(),
    );
    await expect(pipeline.processBatch(run(5, 20), control)).resolves.toBe(5);
    // The run (attempt 1 of all five), then each alone from attempt 2 in offset order; 3 again at attempt 3 (maxAttempts 3).
    expect(calls).toEqual([
      { sequences: [1, 2, 3, 4, 5], attempts: [1, 1, 1, 1, 1] },
      { sequences: [1], attempts: [2] },
      { sequences: [2], attempts: [2] },
      { sequences: [3], attempts: [2] },
      { sequences: [3], attempts: [3] },
      { sequences: [4], attempts: [2] },
      { sequences: [5], attempts: [2] },
    ]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.headers).toMatchObject({ [DLQ_HEADERS.offset]: '22', [DLQ_HEADERS.attempts]: '3', [DLQ_HEADERS.reason]: 'Error: cannot apply 3' });
    expect(outcomes).toEqual(['handled', 'handled', 'dead-lettered', 'handled', 'handled']);
    // The failed run counts as a retried first attempt of each of its events (the retries metric).
    expect(retries).toEqual(['1@1', '2@1', '3@1', '4@1', '5@1', '3@2']);
  });

  it('gives each event one call of its own after a failed run even when the failure is not retryable', async () => {
    const { pipeline, calls, deadLetters, control } = batchSetup((events) =>
      events.length > 1 ? Promise.reject(new MessagingError(MessagingErrorCode.SequenceGap, 'gap', false)) : Promise.resolve(),
    );
    await expect(pipeline.processBatch(run(2), control)).resolves.toBe(2);
    expect(calls.map((c) => c.sequences)).toEqual([[1, 2], [1], [2]]);
    expect(deadLetters).toEqual([]);
  });

  it('handles a run of one as process does: a non-retryable failure dead-lettered after its one call (attempt 1)', async () => {
    const { pipeline, calls, deadLetters, control } = batchSetup(() => Promise.reject(new MessagingError(MessagingErrorCode.SequenceGap, 'gap', false)));
    await expect(pipeline.processBatch(run(1), control)).resolves.toBe(1);
    expect(calls).toEqual([{ sequences: [1], attempts: [1] }]);
    expect(deadLetters[0]?.headers[DLQ_HEADERS.attempts]).toBe('1');
  });

  it('stops the fallback when the partition was taken away (a rebalance), answering what is done', async () => {
    let stale = false;
    const { pipeline, calls, control } = batchSetup((events) => {
      if (events.length === 1 && events[0]?.envelope.sequence === 1) stale = true;
      return events.length > 1 ? Promise.reject(new Error('run failed')) : Promise.resolve();
    });
    await expect(pipeline.processBatch(run(3), { ...control, stale: () => stale })).resolves.toBe(1);
    expect(calls.map((c) => c.sequences)).toEqual([[1, 2, 3], [1]]);
  });

  it('answers how many records are done when shutdown stops the fallback: the rest stay uncommitted', async () => {
    const abort = new AbortController();
    const { pipeline, deadLetters } = batchSetup((events) => {
      if (events.length === 1 && events[0]?.envelope.sequence === 2) abort.abort();
      return events.length > 1 || events[0]?.envelope.sequence === 2 ? Promise.reject(new Error('down')) : Promise.resolve();
    });
    await expect(pipeline.processBatch(run(3), { signal: abort.signal })).resolves.toBe(1);
    expect(deadLetters).toEqual([]);
  });

  it('keeps the per-record path for a topic outside the batch topics, and a run length of 1 there', async () => {
    const { pipeline, calls, perRecord, control } = batchSetup(() => Promise.resolve(), { topics: ['itsm.other.v1'] });
    expect(pipeline.runLength(topic.name)).toBe(1);
    await expect(pipeline.processBatch(run(2), control)).resolves.toBe(2);
    expect(calls).toEqual([]);
    expect(perRecord).toEqual([1, 2]);
  });

  it('takes runs of maxBatch records (200 by default)', () => {
    expect(batchSetup(() => Promise.resolve()).pipeline.runLength(topic.name)).toBe(200);
    expect(batchSetup(() => Promise.resolve(), { maxBatch: 50 }).pipeline.runLength(topic.name)).toBe(50);
    expect(setup(() => Promise.resolve()).pipeline.runLength(topic.name)).toBe(1);
  });
});
