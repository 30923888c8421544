import { DLQ_HEADERS, encodeEnvelope, TopicRegistry } from '@itsm/contracts';
import { expectEventually, probeEvent, probeTopic } from '@itsm/testing';
import { InProcessEventBus } from './in-process-event-bus';
import type { InProcessBusJournal, JournaledPartition, JournaledPosition, StoredRecord } from './in-process-event-bus';

const topic = probeTopic('itsm.journal-probe.v1');

/** A journal in memory: what a restart of the bus would find in its store. */
class MemoryJournal implements InProcessBusJournal {
  readonly records = new Map<string, StoredRecord[]>();
  readonly positions = new Map<string, JournaledPosition>();
  failAppends = false;

  load(): Promise<{ partitions: JournaledPartition[]; positions: JournaledPosition[] }> {
    const partitions = [...this.records].map(([key, records]) => {
      const [name, partition] = key.split('#') as [string, string];
      return { topic: name, partition: Number(partition), base: 0, records: [...records] };
    });
    return Promise.resolve({ partitions, positions: [...this.positions.values()] });
  }

  append(name: string, partition: number, offset: number, records: readonly StoredRecord[]): Promise<void> {
    if (this.failAppends) return Promise.reject(new Error('store down'));
    const list = this.records.get(`${name}#${partition}`) ?? [];
    list.splice(offset, records.length, ...records);
    this.records.set(`${name}#${partition}`, list);
    return Promise.resolve();
  }

  commit(position: JournaledPosition): Promise<void> {
    this.positions.set(`${position.group}#${position.topic}#${position.partition}`, position);
    return Promise.resolve();
  }

  truncate(): Promise<void> {
    return Promise.resolve();
  }
}

async function startBus(journal: MemoryJournal, seen: number[], blockAt?: number): Promise<InProcessEventBus<readonly [typeof topic]>> {
  const bus = new InProcessEventBus(new TopicRegistry([topic] as const), { journal });
  await bus.recover();
  await bus.subscribe({
    group: 'probe-service',
    topics: [topic.name],
    retry: { maxAttempts: 1, backoff: { baseMs: 1, maxMs: 1, jitter: 0 } },
    handle: async (event) => {
      // A handler still running when the process stops: its record is not committed.
      if (event.envelope.data.n === blockAt) await new Promise(() => undefined);
      seen.push(event.envelope.data.n);
    },
  });
  await bus.start();
  return bus;
}

describe('InProcessEventBus with a journal', () => {
  it('resumes each group after its last committed record: nothing handled is delivered again, nothing published is lost', async () => {
    const journal = new MemoryJournal();
    const seen: number[] = [];
    const first = await startBus(journal, seen, 3);
    await first.publish(topic.name, [1, 2, 3, 4].map((n) => probeEvent('one-key', n)));
    await expectEventually(() => expect(seen).toEqual([1, 2]));
    // The process dies: the bus is gone without closing; the journal is what the store kept.
    const after: number[] = [];
    const second = await startBus(journal, after);
    await expectEventually(() => expect(after).toEqual([3, 4]));
    await second.publish(topic.name, [probeEvent('one-key', 5)]);
    await expectEventually(() => expect(after).toEqual([3, 4, 5]));
    await second.close();
    expect([...journal.positions.values()].map((position) => position.position)).toContain(5);
  });

  it('leaves no listener behind when a caught-up worker waits for the next record (a long-running partition does not leak)', async () => {
    // Abort listeners added and not removed while the worker catches up 30 times (each wait adds one to its stop signal).
    let net = 0;
    const { addEventListener, removeEventListener } = EventTarget.prototype;
    const adds = jest.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (this: EventTarget, ...args: Parameters<EventTarget['addEventListener']>) {
      if (args[0] === 'abort') net += 1;
      addEventListener.apply(this, args);
    });
    const removes = jest.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (this: EventTarget, ...args: Parameters<EventTarget['removeEventListener']>) {
      if (args[0] === 'abort') net -= 1;
      removeEventListener.apply(this, args);
    });
    const seen: number[] = [];
    const bus = await startBus(new MemoryJournal(), seen);
    try {
      const before = net;
      for (let n = 1; n <= 30; n += 1) {
        await bus.publish(topic.name, [probeEvent('one-key', n)]);
        await expectEventually(() => expect(seen).toHaveLength(n));
      }
      expect(net - before).toBeLessThanOrEqual(1);
    } finally {
      adds.mockRestore();
      removes.mockRestore();
      await bus.close();
    }
  });

  it('refuses a publish the journal did not store, and delivers nothing of it', async () => {
    const journal = new MemoryJournal();
    const seen: number[] = [];
    const bus = await startBus(journal, seen);
    journal.failAppends = true;
    await expect(bus.publish(topic.name, [probeEvent('k', 1)])).rejects.toThrow('store down');
    journal.failAppends = false;
    await bus.publish(topic.name, [probeEvent('k', 2)]);
    await expectEventually(() => expect(seen).toEqual([2]));
    await bus.close();
  });
});

describe('InProcessEventBus retention', () => {
  it('keeps only the latest records of a topic no group reads: memory stays bounded, a later subscriber gets the newest', async () => {
    const bus = new InProcessEventBus(new TopicRegistry([topic] as const));
    for (let batch = 0; batch < 10; batch += 1) {
      // One key: one partition.
      await bus.publish(topic.name, Array.from({ length: 500 }, (_, i) => probeEvent('one-key', batch * 500 + i + 1, batch * 500 + i)));
    }
    const seen: number[] = [];
    await bus.subscribe({ group: 'late-reader', topics: [topic.name], retry: { maxAttempts: 1, backoff: { baseMs: 1, maxMs: 1, jitter: 0 } }, handle: (event) => Promise.resolve(void seen.push(event.envelope.data.n)) });
    await bus.start();
    await expectEventually(() => expect(seen.at(-1)).toBe(4_999));
    // 5,000 published, nobody reading: at most 1,000 + one truncation batch (1,024) kept, the newest, in order.
    expect(seen.length).toBeGreaterThanOrEqual(1_000);
    expect(seen.length).toBeLessThan(2_024);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => 5_000 - seen.length + i));
    await bus.close();
  });

  const reader = (bus: InProcessEventBus<readonly [typeof topic]>, group: string, seen: number[]) =>
    bus.subscribe({ group, topics: [topic.name], retry: { maxAttempts: 1, backoff: { baseMs: 1, maxMs: 1, jitter: 0 } }, handle: (event) => Promise.resolve(void seen.push(event.envelope.data.n)) });

  it('keeps few records a group has read: a partition read at a trickle does not hold a thousand read records', async () => {
    const bus = new InProcessEventBus(new TopicRegistry([topic] as const));
    const seen: number[] = [];
    await reader(bus, 'reader', seen);
    await bus.start();
    for (let batch = 0; batch < 30; batch += 1) await bus.publish(topic.name, Array.from({ length: 100 }, (_, i) => probeEvent('one-key', batch * 100 + i + 1, batch * 100 + i + 1)));
    await expectEventually(() => expect(seen.at(-1)).toBe(3_000));
    // 3,000 read: a truncation once half the kept records are read (and at least 64), so fewer than 128 stay
    // (a truncation every 1,024 read records kept 952 of them).
    expect(bus.records(topic.name).length).toBeLessThan(128);
    await bus.close();
  });

  it('keeps each record in buffers of its own: a kept record does not keep a shared slab (8 KiB per small event) alive', async () => {
    const journal = new MemoryJournal();
    const bus = new InProcessEventBus(new TopicRegistry([topic] as const), { journal });
    await bus.publish(topic.name, [probeEvent('one-key', 1, 1)]);
    const slab = Buffer.alloc(64 * 1024);
    const value = slab.subarray(100, 120).fill(7);
    await bus.publishRaw(topic.name, [{ key: 'one-key', value, headers: { trace: slab.subarray(200, 210), names: ['a', slab.subarray(300, 304)] } }]);
    const own = (b: Buffer | string | undefined | (Buffer | string)[] | null): boolean => Buffer.isBuffer(b) && b.buffer.byteLength === b.byteLength;
    const check = (records: readonly StoredRecord[]): void => {
      expect(records).toHaveLength(2);
      expect(records.map((r) => own(r.value))).toEqual([true, true]);
      expect(records[1]?.value).toEqual(Buffer.alloc(20, 7));
      expect(own(records[1]?.headers['trace'])).toBe(true);
      const names = records[1]?.headers['names'];
      expect(Array.isArray(names) && names[0] === 'a' && own(names[1])).toBe(true);
    };
    check(bus.records(topic.name));
    await bus.close();
    // A restart's records, as a store's driver hands them over (views into one response buffer), are kept the same way.
    const response = Buffer.alloc(64 * 1024);
    for (const list of journal.records.values()) {
      list.forEach((r, i) => {
        const view = response.subarray(1_000 * (i + 1), 1_000 * (i + 1) + (r.value?.byteLength ?? 0));
        r.value?.copy(view);
        list[i] = { ...r, value: view };
      });
    }
    const restarted = new InProcessEventBus(new TopicRegistry([topic] as const), { journal });
    await restarted.recover();
    check(restarted.records(topic.name));
    await restarted.close();
  });

  it('drops nothing while truncation is held: a group subscribing after another read everything still reads it all; releasing truncates', async () => {
    const bus = new InProcessEventBus(new TopicRegistry([topic] as const));
    const release = bus.holdTruncation();
    const early: number[] = [];
    await reader(bus, 'early', early);
    await bus.start();
    await bus.publish(topic.name, Array.from({ length: 500 }, (_, i) => probeEvent('one-key', i + 1, i + 1)));
    await expectEventually(() => expect(early).toHaveLength(500));
    expect(bus.records(topic.name)).toHaveLength(500);
    const late: number[] = [];
    await reader(bus, 'late', late);
    await expectEventually(() => expect(late).toEqual(early));
    release();
    expect(bus.records(topic.name)).toEqual([]);
    await bus.close();
  });
});

describe('InProcessEventBus partition counts', () => {
  it("answers its own count: a registered topic's contract count, the default for any other", async () => {
    const bus = new InProcessEventBus(new TopicRegistry([{ ...topic, partitions: 12 }]), { defaultPartitions: 3 });
    expect(await bus.partitionCount(topic.name)).toBe(12);
    expect(await bus.partitionCount('itsm.unregistered.v1')).toBe(3);
  });
});

describe('InProcessEventBus subscriptions that change', () => {
  const other = probeTopic('itsm.other-probe.v1');

  it('unsubscribes a group and subscribes it again over another topic list: it resumes where it stopped, on every listed topic', async () => {
    const bus = new InProcessEventBus(new TopicRegistry([topic, other] as const));
    const seen: string[] = [];
    const subscribe = (topics: readonly ('itsm.journal-probe.v1' | 'itsm.other-probe.v1')[]) =>
      bus.subscribe({ group: 'follower', topics, handle: async (event) => void seen.push(`${event.topic}:${event.envelope.data.n}`) });
    await subscribe([topic.name]);
    await bus.start();
    await bus.publish(topic.name, [probeEvent('k', 1)]);
    await expectEventually(() => expect(seen).toEqual(['itsm.journal-probe.v1:1']));
    await bus.unsubscribe('follower');
    await bus.publish(topic.name, [probeEvent('k', 2)]);
    await bus.publish(other.name, [probeEvent('k', 3)]);
    await subscribe([topic.name, other.name]);
    await expectEventually(() => expect([...seen].sort()).toEqual(['itsm.journal-probe.v1:1', 'itsm.journal-probe.v1:2', 'itsm.other-probe.v1:3']));
    await bus.close();
  });

  it("dead-letters a record its subscription's check refuses before decoding it, with the refusal's code; the partition flows on", async () => {
    const bus = new InProcessEventBus(new TopicRegistry([topic] as const));
    const seen: number[] = [];
    await bus.subscribe({
      group: 'checked',
      topics: [topic.name],
      check: async (record) => (record.headers?.['x-signed'] === undefined ? { code: 'PROBE.UNSIGNED', message: 'no signature' } : undefined),
      handle: async (event) => void seen.push(event.envelope.data.n),
    });
    await bus.start();
    // Not even a CloudEvent: the check runs first, so the refusal is the check's, not the decoder's.
    await bus.publishRaw(topic.name, [{ key: 'k', value: Buffer.from('not json'), headers: {} }]);
    const signed = encodeEnvelope(probeEvent('k', 2));
    await bus.publishRaw(topic.name, [{ key: 'k', value: signed.value, headers: { ...signed.headers, 'x-signed': 'yes' } }]);
    await expectEventually(() => expect(seen).toEqual([2]));
    const dead = bus.records(`${topic.name}.dlq`);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.headers[DLQ_HEADERS.code]?.toString()).toBe('PROBE.UNSIGNED');
    await bus.close();
  });
});
