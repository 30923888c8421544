import { Types } from 'mongoose';
import { fieldUse, queriesOfCommand, shapeKey } from './query-shape';

const keysOf = (commandName: string, command: Record<string, unknown>) => queriesOfCommand(commandName, command).map((q) => shapeKey(q.shape));

describe('fieldUse', () => {
  it.each([
    ['a value', 'x', 'eq'],
    ['an ObjectId', new Types.ObjectId(), 'eq'],
    ['a date', new Date(0), 'eq'],
    ['null', null, 'eq'],
    ['a sub-document matched whole', { a: 1 }, 'eq'],
    ['$eq', { $eq: 3 }, 'eq'],
    ['$in of one', { $in: ['a'] }, 'eq'],
    ['$in of several', { $in: ['a', 'b'] }, 'in'],
    ['$lt', { $lt: 3 }, 'range'],
    ['$gte and $lt', { $gte: 1, $lt: 3 }, 'range'],
    ['an anchored literal regex', /^INC00/, 'range'],
    ['an anchored $regex string', { $regex: '^abc' }, 'range'],
    ['a case-insensitive anchored regex', { $regex: '^abc', $options: 'i' }, 'other'],
    ['an unanchored regex', { $regex: 'abc' }, 'other'],
    ['a regex anchored on a wildcard', /^.*x/, 'other'],
    ['$ne', { $ne: 3 }, 'other'],
    ['$exists', { $exists: false }, 'other'],
    ['$nin', { $nin: [1] }, 'other'],
  ])('%s', (_name, condition, use) => {
    expect(fieldUse(condition)).toBe(use);
  });
});

describe('queriesOfCommand', () => {
  it('reads a find: filter, sort (a Map, as the driver sends it) and $and conjuncts', () => {
    const [query] = queriesOfCommand('find', {
      find: 'incidents',
      filter: { $and: [{ assignedOrgId: { $eq: 'o1' } }, { seq: { $lt: 10 } }, { state: { $in: ['new', 'on_hold'] } }] },
      sort: new Map([['seq', -1]]),
      limit: 26,
    });
    expect(query?.shape).toEqual({ collection: 'incidents', kind: 'find', where: { assignedOrgId: 'eq', seq: 'range', state: 'in' }, anyOf: [], sort: [['seq', -1]] });
    expect(shapeKey(query!.shape)).toBe('find { assignedOrgId: eq, seq: range, state: in } sort { seq: -1 }');
    expect(query?.sort).toEqual({ seq: -1 });
  });

  it('keeps the strongest use of a field tested twice', () => {
    expect(keysOf('find', { find: 'c', filter: { $and: [{ a: { $gte: 1 } }, { a: 2 }] } })).toEqual(['find { a: eq }']);
  });

  it('multiplies out a top-level $or into branches, beside the conjuncts outside it', () => {
    const [query] = queriesOfCommand('find', { find: 'rels', filter: { $or: [{ sourceId: 'a' }, { targetId: 'a' }], state: 'active' } });
    expect(query?.shape.where).toEqual({ state: 'eq' });
    expect(query?.shape.anyOf).toEqual([{ sourceId: 'eq' }, { targetId: 'eq' }]);
    expect(shapeKey(query!.shape)).toBe('find { state: eq } or [{ sourceId: eq } | { targetId: eq }]');
  });

  it('names every inbox stream field alike (one shape, whichever stream)', () => {
    const filter = (stream: string) => ({ _id: new Types.ObjectId(), _v: 3, $or: [{ [`_inbox.${stream}`]: { $exists: false } }, { [`_inbox.${stream}`]: { $lt: 4 } }] });
    expect(keysOf('update', { update: 'c', updates: [{ q: filter('s1'), u: {} }, { q: filter('s2'), u: {} }] })).toEqual([
      'update { _id: eq, _v: eq } or [{ _inbox.<stream>: other } | { _inbox.<stream>: range }]',
      'update { _id: eq, _v: eq } or [{ _inbox.<stream>: other } | { _inbox.<stream>: range }]',
    ]);
  });

  it('reads findAndModify, delete, count and distinct by their query', () => {
    expect(keysOf('findAndModify', { findAndModify: 'c', query: { _id: 1 }, sort: { at: 1 } })).toEqual(['findAndModify { _id: eq } sort { at: 1 }']);
    expect(keysOf('delete', { delete: 'c', deletes: [{ q: { key: 'k', ciId: 'x' }, limit: 1 }] })).toEqual(['delete { ciId: eq, key: eq }']);
    expect(keysOf('count', { count: 'c', query: { open: true } })).toEqual(['count { open: eq }']);
    expect(keysOf('distinct', { distinct: 'c', key: 'k', query: { p: { $in: [1, 2] } } })).toEqual(['distinct { p: in }']);
  });

  it('reads an aggregate by its leading $match and $sort stages', () => {
    expect(keysOf('aggregate', { aggregate: 'c', pipeline: [{ $match: { parentId: 'p' } }, { $group: { _id: 1, n: { $sum: 1 } } }] })).toEqual(['aggregate { parentId: eq }']);
    expect(keysOf('aggregate', { aggregate: 'c', pipeline: [{ $sort: { at: -1 } }, { $match: { a: 1 } }, { $match: { b: { $gt: 1 } } }, { $limit: 3 }] })).toEqual([
      'aggregate { a: eq, b: range } sort { at: -1 }',
    ]);
    const [empty] = queriesOfCommand('aggregate', { aggregate: 'c', pipeline: [{ $group: { _id: '$a' } }] });
    expect(shapeKey(empty!.shape)).toBe('aggregate {}');
    expect(empty?.filter).toEqual({});
  });

  it('ignores commands that select nothing, and database-level aggregates', () => {
    for (const [name, command] of [
      ['insert', { insert: 'c', documents: [{}] }],
      ['getMore', { getMore: 1, collection: 'c' }],
      ['createIndexes', { createIndexes: 'c', indexes: [] }],
      ['aggregate', { aggregate: 1, pipeline: [{ $currentOp: {} }] }],
    ] as const) {
      expect(queriesOfCommand(name, command)).toEqual([]);
    }
  });
});
