import type { EventEnvelope } from '@itsm/contracts';
import { Types } from 'mongoose';
import type { Loaded, SaveResult } from './aggregate-repository';
import { AggregateCommandRunner } from './aggregate-command-runner';
import type { AggregateStore } from './aggregate-command-runner';
import { PersistenceError, PersistenceErrorCode } from './persistence.errors';

interface Counter {
  readonly value: number;
}

/** An in-memory store whose next `losses` saves lose the race to a writer adding `bump` each time. */
class FakeStore implements AggregateStore<Counter, string> {
  readonly saved: { events: readonly string[]; consumed?: EventEnvelope }[] = [];
  /** The last sequence of the (one) consumed stream the aggregate applied. */
  appliedSequence = 0;
  constructor(
    public current: Counter | undefined,
    private losses = 0,
    private readonly bump = 10,
  ) {}

  load(): Promise<Loaded<Counter> | undefined> {
    const aggregate = this.current;
    if (aggregate === undefined) return Promise.resolve(undefined);
    return Promise.resolve({ id: new Types.ObjectId(), aggregate, version: aggregate.value, unpublished: [], hasApplied: (event) => event.sequence <= this.appliedSequence });
  }

  save(_loaded: Loaded<Counter>, aggregate: Counter, events: readonly string[], consumed?: EventEnvelope): Promise<SaveResult> {
    if (this.losses > 0) {
      this.losses -= 1;
      this.current = { value: (this.current?.value ?? 0) + this.bump };
      return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, 'lost'));
    }
    if (consumed?.id === 'seen') return Promise.resolve({ status: 'duplicate' });
    this.current = aggregate;
    this.saved.push({ events, ...(consumed ? { consumed } : {}) });
    return Promise.resolve({ status: 'saved', version: aggregate.value });
  }
}

const errors = { notFound: (id: string) => new Error(`NOT_FOUND ${id}`), conflict: (id: string) => new Error(`CONFLICT ${id}`) };
const increment = { decide: (current: Counter) => ({ aggregate: { value: current.value + 1 }, events: ['incremented'] }) };

describe('AggregateCommandRunner', () => {
  it('loads, decides and saves the new state with its events', async () => {
    const store = new FakeStore({ value: 1 });
    const outcome = await new AggregateCommandRunner(store, errors).run('c1', increment);
    expect(outcome).toEqual({ aggregate: { value: 2 }, changed: true });
    expect(store.saved).toEqual([{ events: ['incremented'] }]);
  });

  it('answers the context NOT_FOUND when nothing has the id', async () => {
    await expect(new AggregateCommandRunner(new FakeStore(undefined), errors).run('c9', increment)).rejects.toThrow('NOT_FOUND c9');
  });

  it('authorises on the current state before deciding, and writes nothing when refused', async () => {
    const store = new FakeStore({ value: 1 });
    const refuse = { ...increment, authorise: (current: Counter) => { if (current.value < 5) throw new Error('FORBIDDEN'); } };
    await expect(new AggregateCommandRunner(store, errors).run('c1', refuse)).rejects.toThrow('FORBIDDEN');
    expect(store.saved).toEqual([]);
  });

  it('decides again on the fresh state after a lost race', async () => {
    const store = new FakeStore({ value: 1 }, 2);
    const outcome = await new AggregateCommandRunner(store, errors).run('c1', increment);
    // Two lost races added 10 each: the decision is taken on 21, not on the stale 1.
    expect(outcome.aggregate).toEqual({ value: 22 });
  });

  it('answers the context CONFLICT after the last lost race', async () => {
    const store = new FakeStore({ value: 1 }, 3);
    await expect(new AggregateCommandRunner(store, errors, 3).run('c1', increment)).rejects.toThrow('CONFLICT c1');
    expect(store.saved).toEqual([]);
  });

  it('takes an event the aggregate already applied as a duplicate before authorising or deciding (the state it led to may refuse it now)', async () => {
    const store = new FakeStore({ value: 1 });
    store.appliedSequence = 3;
    const consumed = { id: 'e-3', source: '/itsm/test', subject: 'c1', sequence: 3 } as EventEnvelope;
    const refusing = { authorise: () => { throw new Error('FORBIDDEN'); }, decide: () => { throw new Error('ILLEGAL'); }, consumed };
    expect(await new AggregateCommandRunner(store, errors).run('c1', refusing)).toEqual({ aggregate: { value: 1 }, changed: false });
    await expect(new AggregateCommandRunner(store, errors).run('c1', { ...refusing, consumed: { ...consumed, id: 'e-4', sequence: 4 } })).rejects.toThrow('FORBIDDEN');
    expect(store.saved).toEqual([]);
  });

  it('reports no change when the decision has no events, without writing', async () => {
    const store = new FakeStore({ value: 1 });
    const outcome = await new AggregateCommandRunner(store, errors).run('c1', { decide: (current: Counter) => ({ aggregate: current, events: [] }) });
    expect(outcome).toEqual({ aggregate: { value: 1 }, changed: false });
    expect(store.saved).toEqual([]);
  });

  it('passes the consumed event to the save and reports a redelivery as unchanged', async () => {
    const store = new FakeStore({ value: 1 });
    const redelivered = { id: 'seen' } as EventEnvelope;
    const outcome = await new AggregateCommandRunner(store, errors).run('c1', { ...increment, consumed: redelivered });
    expect(outcome).toEqual({ aggregate: { value: 1 }, changed: false });
  });
});
