import { collectionIndexes, index, queriesOfCommand } from '@itsm/platform/persistence';
import type { CollectionIndexes, FieldUse, QueryShape } from '@itsm/platform/persistence';
import { winningPlanStages } from './explain-shapes';
import { indexServes, servingIndex, unservedShapes } from './index-coverage';
import type { RecordedShape } from './index-coverage';

const sorted = (sort: Record<string, 1 | -1> = {}): QueryShape['sort'] => Object.entries(sort);
const serves = (keys: Record<string, 1 | -1>, where: Record<string, FieldUse>, sort?: Record<string, 1 | -1>) => indexServes(index(keys), where, sorted(sort));

describe('indexServes (Equality, Sort, Range)', () => {
  it('equality fields first, in any order', () => {
    expect(serves({ a: 1, b: 1 }, { b: 'eq', a: 'eq' })).toBe(true);
    expect(serves({ a: 1 }, { a: 'eq', b: 'eq' })).toBe(true); // b is filtered after the scan
    expect(serves({ b: 1, a: 1 }, { a: 'eq' })).toBe(false); // a is not a prefix
  });

  it('requires an equality field in the prefix when the query has one', () => {
    expect(serves({ seq: -1 }, { callerId: 'eq' }, { seq: -1 })).toBe(false);
    expect(serves({ callerId: 1, seq: -1 }, { callerId: 'eq', seq: 'range' }, { seq: -1 })).toBe(true);
  });

  it('then the sort, in its directions or all reversed', () => {
    expect(serves({ state: 1, seq: -1 }, { state: 'in' }, { seq: -1 })).toBe(true);
    expect(serves({ state: 1, seq: -1 }, { state: 'eq' }, { seq: 1 })).toBe(true);
    expect(serves({ a: 1, b: -1 }, {}, { a: -1, b: 1 })).toBe(true);
    expect(serves({ a: 1, b: 1 }, {}, { a: 1, b: -1 })).toBe(false);
    expect(serves({ state: 1, resolvedAt: 1 }, { state: 'eq' }, { seq: 1 })).toBe(false); // blocking sort
  });

  it('drops a sort field fixed by a single-value equality, not by $in', () => {
    expect(serves({ kind: 1, id: 1 }, { kind: 'eq' }, { kind: 1, id: 1 })).toBe(true);
    expect(serves({ kind: 1, id: 1 }, { kind: 'in' }, { kind: 1, id: 1 })).toBe(true);
    expect(serves({ id: 1 }, { kind: 'in' }, { kind: 1, id: 1 })).toBe(false);
  });

  it('then one range field; a range alone needs it first', () => {
    expect(serves({ partition: 1, claimedAt: 1 }, { partition: 'eq', claimedAt: 'range' }, { claimedAt: 1 })).toBe(true);
    expect(serves({ claimedAt: 1 }, { claimedAt: 'range' })).toBe(true);
    expect(serves({ other: 1, claimedAt: 1 }, { claimedAt: 'range' })).toBe(false);
  });

  it('never serves a filter on nothing it can bound, nor one on operators an index cannot bound', () => {
    expect(serves({ a: 1 }, {})).toBe(false);
    expect(serves({ title: 1 }, { title: 'other' })).toBe(false);
  });

  it('uses a partial index only when the query tests its filter fields for equality', () => {
    const pending = index({ _outboxPending: 1, _id: 1 }, { _outboxPending: true });
    expect(indexServes(pending, { _outboxPending: 'eq' }, [['_id', 1]])).toBe(true);
    expect(indexServes(pending, { _outboxPending: 'other' }, [['_id', 1]])).toBe(false);
  });
});

describe('servingIndex', () => {
  const shape = (filter: Record<string, unknown>, sort?: Record<string, 1 | -1>): QueryShape => queriesOfCommand('find', { find: 'c', filter, sort })[0]!.shape;

  it('serves anything by _id equality without a declaration', () => {
    expect(servingIndex(shape({ _id: 1, _v: 2, $or: [{ x: { $exists: false } }, { x: { $lt: 3 } }] }), [])).toBeDefined();
  });

  it('serves a $or when every branch, with the conjuncts outside it, is served', () => {
    const byEnds = [index({ sourceId: 1, state: 1 }), index({ targetId: 1, state: 1 })];
    const query = shape({ $or: [{ sourceId: 'a' }, { targetId: 'a' }], state: 'active' });
    expect(servingIndex(query, byEnds)).toBeDefined();
    expect(servingIndex(query, [index({ sourceId: 1, state: 1 })])).toBeUndefined();
  });

  it('serves a $or of unindexable branches when the conjuncts outside it are served', () => {
    expect(servingIndex(shape({ callerId: 'u', $or: [{ title: { $regex: 'x' } }, { number: { $regex: 'x' } }] }, { seq: -1 }), [index({ callerId: 1, seq: -1 })])).toBeDefined();
  });
});

describe('unservedShapes', () => {
  const declarations = new Map<string, CollectionIndexes[]>([
    ['sla', [collectionIndexes('sla_firings', [index({ ticketKey: 1 })], [{ shape: 'find {}', reason: 'a test export' }])]],
  ]);
  const recorded = (context: string, collection: string, filter: Record<string, unknown>, origin: string): RecordedShape => ({
    context,
    shape: queriesOfCommand('find', { find: collection, filter })[0]!.shape,
    sample: '{}',
    origin,
  });

  it('names the collection, the shape, what is declared and every spec that issued it', () => {
    expect(
      unservedShapes(
        [
          recorded('sla', 'sla_firings', { ticketKey: 'k' }, 'a.int-spec.ts'),
          recorded('sla', 'sla_firings', {}, 'a.int-spec.ts'),
          recorded('sla', 'sla_firings', { partition: 3 }, 'b.int-spec.ts'),
          recorded('sla', 'sla_firings', { partition: 4 }, 'a.int-spec.ts'),
          recorded('sla', 'sla_tickets', { open: true }, 'a.int-spec.ts'),
          recorded('cmdb', 'cmdb_cis', { state: 'active' }, 'c.int-spec.ts'),
        ],
        declarations,
      ),
    ).toEqual([
      { context: 'sla', collection: 'sla_firings', shape: 'find { partition: eq }', origins: ['a.int-spec.ts', 'b.int-spec.ts'], why: 'no declared index serves it; declared: { _id: 1 }, { ticketKey: 1 }' },
      { context: 'sla', collection: 'sla_tickets', shape: 'find { open: eq }', origins: ['a.int-spec.ts'], why: 'no repository of "sla" declares collection "sla_tickets"' },
      { context: 'cmdb', collection: 'cmdb_cis', shape: 'find { state: eq }', origins: ['c.int-spec.ts'], why: expect.stringContaining('context "cmdb" declared no indexes') },
    ]);
  });
});

describe('winningPlanStages', () => {
  it('collects the stages of the classic and the slot-based explain formats', () => {
    expect(winningPlanStages({ queryPlanner: { winningPlan: { stage: 'LIMIT', inputStage: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'a_1' } } } } })).toEqual(['LIMIT', 'FETCH', 'IXSCAN']);
    expect(winningPlanStages({ queryPlanner: { winningPlan: { queryPlan: { stage: 'OR', inputStages: [{ stage: 'IXSCAN' }, { stage: 'COLLSCAN' }] }, slotBasedPlan: { stages: '[1] scan' } } } })).toEqual([
      'OR',
      'IXSCAN',
      'COLLSCAN',
    ]);
  });
});
