import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { randomUUID } from 'node:crypto';
import { Schema, Types } from 'mongoose';
import type { Connection, Model } from 'mongoose';
import { AggregateRepository, aggregateDocumentPlugin } from './aggregate-repository';
import type { AggregateMapper, StoredDocument } from './aggregate-repository';
import { connectContext } from './mongo-connection';
import type { AggregateDocumentMeta } from './outbox';
import { MongoOutboxStore } from './outbox';
import { PersistenceErrorCode } from './persistence.errors';

// Persistence sits below the testing lib (which reuses its embedded server), so it reads the peer
// the global setup started straight from the environment.
const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

interface Ticket { title: string; state: string; sequence: number }
const mapper: AggregateMapper<Ticket, Ticket> = { toDocument: (t) => ({ ...t }), toDomain: (d) => ({ title: d.title, state: d.state, sequence: d.sequence }) };

function event(id: Types.ObjectId, sequence: number, source = '/itsm/ticket', subject = id.toHexString()): EventEnvelope {
  return createEnvelope({ id: randomUUID(), source, type: 'itsm.ticket.changed.v1', subject, time: new Date(), data: { sequence }, sequence, correlationid: 'c' });
}

describe('AggregateRepository on the MongoDB peer', () => {
  let connection: Connection;
  let model: Model<StoredDocument<Ticket>>;
  let repository: AggregateRepository<Ticket, Ticket>;
  let commits = 0;

  beforeAll(async () => {
    connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `repo_${randomUUID().slice(0, 8)}`);
    const schema = new Schema<Ticket>({ title: String, state: String, sequence: Number });
    schema.plugin(aggregateDocumentPlugin);
    model = connection.model('Ticket', schema, 'tickets') as unknown as Model<StoredDocument<Ticket>>;
    repository = new AggregateRepository(model, mapper, () => commits++);
  });
  afterAll(() => connection.close());

  async function created(): Promise<Types.ObjectId> {
    const id = new Types.ObjectId();
    await repository.create(id, { title: 'VPN down', state: 'new', sequence: 1 }, [event(id, 1)]);
    return id;
  }

  it('stores state and events in one document and reads back the domain object', async () => {
    const before = commits;
    const id = await created();
    const loaded = await repository.load(id);
    expect(loaded?.aggregate).toEqual({ title: 'VPN down', state: 'new', sequence: 1 });
    expect(loaded?.version).toBe(1);
    expect(loaded?.unpublished.map((e) => e.sequence)).toEqual([1]);
    expect(commits).toBe(before + 1);
  });

  it('refuses a second create of the same id', async () => {
    const id = await created();
    await expect(repository.create(id, { title: 'again', state: 'new', sequence: 1 }, [])).rejects.toMatchObject({ code: PersistenceErrorCode.AlreadyExists });
  });

  it('rejects a stale write with CONFLICT and keeps the winner', async () => {
    const id = await created();
    const loaded = await repository.load(id);
    if (!loaded) throw new Error('missing');
    await repository.save(loaded, { ...loaded.aggregate, state: 'in_progress', sequence: 2 }, [event(id, 2)]);
    await expect(repository.save(loaded, { ...loaded.aggregate, state: 'canceled', sequence: 2 }, [event(id, 2)])).rejects.toMatchObject({ code: PersistenceErrorCode.Conflict });
    const after = await repository.load(id);
    expect(after?.aggregate.state).toBe('in_progress');
    expect(after?.version).toBe(2);
    expect(after?.unpublished.map((e) => e.sequence)).toEqual([1, 2]);
  });

  it('refuses events of another aggregate or out of sequence order', async () => {
    const id = await created();
    const loaded = await repository.load(id);
    if (!loaded) throw new Error('missing');
    await expect(repository.save(loaded, loaded.aggregate, [event(new Types.ObjectId(), 2)])).rejects.toMatchObject({ code: PersistenceErrorCode.InvalidEvents });
    await expect(repository.save(loaded, loaded.aggregate, [event(id, 3), event(id, 2)])).rejects.toMatchObject({ code: PersistenceErrorCode.InvalidEvents });
  });

  it('applies a consumed event once: the duplicate is reported, not applied', async () => {
    const id = await created();
    const inbound = event(new Types.ObjectId(), 4, '/itsm/problem', 'problem-1');
    const loaded = await repository.load(id);
    if (!loaded) throw new Error('missing');
    expect(loaded.hasApplied(inbound)).toBe(false);
    await expect(repository.save(loaded, { ...loaded.aggregate, state: 'resolved' }, [], { consumed: inbound })).resolves.toEqual({ status: 'saved', version: 2 });
    // The same event again, from a reader that loaded before the first apply: not applied twice.
    await expect(repository.save(loaded, { ...loaded.aggregate, state: 'resolved' }, [], { consumed: inbound })).resolves.toEqual({ status: 'duplicate' });
    const again = await repository.load(id);
    expect(again?.hasApplied(inbound)).toBe(true);
    expect(again?.hasApplied({ ...inbound, sequence: 5 })).toBe(false);
    expect(again?.version).toBe(2);
  });

  it('refuses, in contiguous mode, an event that skips a sequence', async () => {
    const id = await created();
    const loaded = await repository.load(id);
    if (!loaded) throw new Error('missing');
    const third = event(new Types.ObjectId(), 3, '/suppliers/acme', 'ticket-77');
    await expect(repository.save(loaded, loaded.aggregate, [], { consumed: third, contiguous: true })).rejects.toMatchObject({ code: PersistenceErrorCode.SequenceGap });
    await expect(repository.save(loaded, loaded.aggregate, [], { consumed: { ...third, sequence: 1 }, contiguous: true })).resolves.toMatchObject({ status: 'saved' });
  });

  it('keeps events saved while the relay publishes pending, and never hands out a published one again', async () => {
    const store = new MongoOutboxStore('itsm.ticket.v1', model as unknown as Model<AggregateDocumentMeta>);
    const id = await created();
    const [pending] = (await store.pending(1000)).filter((p) => p.aggregateId === id.toHexString());
    expect(pending?.events.map((e) => e.sequence)).toEqual([1]);

    // A save lands between the relay's read and its mark.
    const loaded = await repository.load(id);
    if (!loaded || !pending) throw new Error('missing');
    await repository.save(loaded, { ...loaded.aggregate, sequence: 2 }, [event(id, 2)]);
    await store.markPublished(pending);
    // Only the published one leaves the outbox: the saved one stays pending.
    expect((await model.findById(id).lean())?._outbox.map((e) => e.sequence)).toEqual([2]);

    const next = (await store.pending(1000)).filter((p) => p.aggregateId === id.toHexString());
    expect(next.map((p) => p.events.map((e) => e.sequence))).toEqual([[2]]);
    await store.markPublished(next[0] as (typeof next)[number]);
    expect((await store.pending(1000)).filter((p) => p.aggregateId === id.toHexString())).toEqual([]);

    // The next save prunes what was published rather than carrying it forever.
    const latest = await repository.load(id);
    if (!latest) throw new Error('missing');
    expect(latest.unpublished).toEqual([]);
    await repository.save(latest, latest.aggregate, [event(id, 3)]);
    const raw = await model.findById(id).lean();
    expect(raw?._outbox.map((e) => e.sequence)).toEqual([3]);
  });
});
