import { randomUUID } from 'node:crypto';
import { MongoClient, ObjectId } from 'mongodb';
import type { Collection, Db, Document, Filter } from 'mongodb';

// Persistence sits below the testing lib, so it reads the peer the global setup started from the environment.
const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

const sorted = (docs: Document[]) => docs.map((d) => String(d['_id'])).sort();

/** The filter's answers (find, count, a projection leaving the pinned fields out, a sorted page) equal the scan's; the number of matches. */
async function expectSameAnswers(collection: Collection, filter: Filter<Document>): Promise<number> {
  const [indexed, scanned] = await Promise.all([collection.find(filter).toArray(), collection.find({ $and: [filter] }).toArray()]);
  expect(sorted(indexed)).toEqual(sorted(scanned));
  expect(await collection.countDocuments(filter)).toBe(scanned.length);
  // A projection that leaves the pinned fields out: the answer still holds only matching documents.
  expect(sorted(await collection.find(filter, { projection: { n: 1 } }).toArray())).toEqual(sorted(scanned));
  const page = async (f: Filter<Document>) => (await collection.find(f).sort({ n: -1, _id: 1 }).limit(7).toArray()).map((d) => String(d['_id']));
  expect(await page(filter)).toEqual(await page({ $and: [filter] }));
  return scanned.length;
}

/**
 * The look-ups by key (embedded-mongo-id-lookups.mjs, embedded-mongo-index-lookups.mjs) must answer
 * exactly as a scan does. The oracle is the same filter wrapped in `$and`: no look-up pins a field
 * under `$and`, so the embedded server answers it by testing every document (and real MongoDB
 * answers both the same way). Runs on whichever peer the tier uses.
 */
describe('look-ups by declared index answer as a scan does', () => {
  let client: MongoClient;
  let tickets: Collection;

  const expectSameAsScan = (filter: Filter<Document>): Promise<number> => expectSameAnswers(tickets, filter);

  beforeAll(async () => {
    client = await MongoClient.connect(mongoUrl());
    tickets = client.db(`lookups_${randomUUID().slice(0, 8)}`).collection('tickets');
    await tickets.createIndex({ open: 1, partition: 1, settled: 1 });
    await tickets.createIndex({ 'owner.group': 1 });
    const docs: Document[] = [];
    for (let n = 0; n < 600; n += 1) docs.push({ n, open: n % 3 !== 0, partition: n % 12, settled: n % 2 === 0, owner: { group: `g${n % 4}` } });
    // Values a hash key cannot hold: missing, null, an array, a string where numbers are usual, a date, a sub-document.
    docs.push({ n: 600, open: true });
    docs.push({ n: 601, open: true, partition: null });
    docs.push({ n: 602, open: true, partition: [1, 7] });
    docs.push({ n: 603, open: true, partition: '1' });
    docs.push({ n: 604, open: [true], partition: 1, owner: [{ group: 'g1' }] });
    docs.push({ n: 605, open: true, partition: new Date(0), owner: { group: { name: 'g1' } } });
    await tickets.insertMany(docs);
  });

  afterAll(async () => {
    await tickets.drop().catch(() => undefined);
    await client.close();
  });

  it('serves equality, $eq and $in on leading fields, with wildcard documents decided by the filter', async () => {
    expect(await expectSameAsScan({ open: true, partition: 1 })).toBeGreaterThan(40);
    expect(await expectSameAsScan({ open: true, partition: { $in: [1, 7, 11] } })).toBeGreaterThan(100);
    await expectSameAsScan({ open: { $eq: false }, partition: { $in: [0, 3] }, settled: true });
    await expectSameAsScan({ open: true, partition: '1' });
    await expectSameAsScan({ open: true });
    await expectSameAsScan({ open: true, partition: { $gte: 10 } });
    await expectSameAsScan({ open: true, partition: 5, n: { $lt: 300 } });
    await expectSameAsScan({ 'owner.group': 'g1' });
    await expectSameAsScan({ open: true, partition: 1, $or: [{ settled: true }, { n: 602 }] });
  });

  it('follows inserts, updates and deletes, and a dropped and re-created collection', async () => {
    await expectSameAsScan({ open: true, partition: 2 });
    await tickets.updateMany({ open: true, partition: 2 }, { $set: { partition: 13 } });
    expect(await expectSameAsScan({ open: true, partition: 2 })).toBe(0);
    expect(await expectSameAsScan({ open: true, partition: 13 })).toBeGreaterThan(10);
    await tickets.insertOne({ _id: new ObjectId(), n: 700, open: true, partition: 2 });
    expect(await expectSameAsScan({ open: true, partition: { $in: [2] } })).toBe(1);
    await tickets.findOneAndUpdate({ open: true, partition: 13 }, { $set: { open: false } });
    await expectSameAsScan({ open: false, partition: 13 });
    const removed = await tickets.deleteMany({ open: true, partition: 13 });
    expect(removed.deletedCount).toBeGreaterThan(10);
    expect(await expectSameAsScan({ open: true, partition: 13 })).toBe(0);
    await tickets.updateOne({ open: true, partition: 2 }, { $set: { n: 701 } }, { upsert: true });
    await tickets.updateOne({ open: true, partition: 14 }, { $set: { n: 702 } }, { upsert: true });
    expect(await expectSameAsScan({ open: true, partition: { $in: [2, 14] } })).toBe(2);

    await tickets.drop();
    await tickets.createIndex({ open: 1, partition: 1, settled: 1 });
    await tickets.insertMany([{ open: true, partition: 2 }, { open: false, partition: 2 }]);
    expect(await expectSameAsScan({ open: true, partition: 2 })).toBe(1);
  });
});

/** The array fields the writes of the multikey specs push to and pull from. */
interface ArrayFields {
  n?: number;
  memberIds: string[];
  tags: string[];
}

/** A seeded pseudo-random source (mulberry32): the same documents and writes on every run. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)] as T;
  const some = <T>(values: readonly T[], most: number): T[] => Array.from({ length: int(most + 1) }, () => pick(values));
  return { next, int, pick, some };
}

/**
 * Multikey look-ups: an index on a field holding arrays serves equality and `$in` on it (alone or
 * as the leading field of a compound index) from each element, kept current by every write, with
 * exactly a scan's answers. Runs on whichever peer the tier uses (real MongoDB refuses documents
 * with arrays in two fields of one index, so those are written on the embedded peer only).
 */
/**
 * A range on the field after an index's pinned fields (a claim store's `{ partition, claimedAt: { $gt } }`)
 * narrows what is read, as an index scan's bounds do on MongoDB, and answers as a scan does whatever
 * the field holds: dates, numbers, other types, arrays, nothing.
 */
describe('look-ups by declared index with a range on the next field', () => {
  let client: MongoClient;
  let events: Collection;
  const real = process.env['ITSM_TEST_MONGO_REAL'] === 'true';
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

  beforeAll(async () => {
    client = await MongoClient.connect(mongoUrl());
    events = client.db(`ranges_${randomUUID().slice(0, 8)}`).collection('events');
    await events.createIndex({ partition: 1, at: 1 });
    await events.createIndex({ partition: 1, k: 1 });
    const docs: Document[] = [];
    for (let n = 0; n < 400; n += 1) docs.push({ n, k: n, partition: n % 4, at: at(n) });
    // Values a date or number range does not decide here: another type, an array, null, nothing.
    docs.push({ n: 1001, k: 'x', partition: 1, at: '2026-01-01T03:00:00Z' });
    docs.push({ n: 1002, k: [5, 500], partition: 1, at: [at(10), at(300)] });
    docs.push({ n: 1003, k: null, partition: 1, at: null });
    docs.push({ n: 1004, partition: 1 });
    await events.insertMany(docs);
  });

  afterAll(async () => {
    await events.drop().catch(() => undefined);
    await client.close();
  });

  it('answers date and number ranges as a scan does', async () => {
    expect(await expectSameAnswers(events, { partition: 1, at: { $gt: at(200) } })).toBe(51);
    await expectSameAnswers(events, { partition: 1, at: { $gte: at(201), $lt: at(301) } });
    await expectSameAnswers(events, { partition: { $in: [1, 2] }, at: { $lte: at(12) } });
    await expectSameAnswers(events, { partition: 1, k: { $gt: 4, $lte: 9 } });
    await expectSameAnswers(events, { partition: 1, k: { $lt: 1000 } });
    // Not ranges this look-up decides (another operator, mixed bound types): left to the filter.
    await expectSameAnswers(events, { partition: 1, at: { $gt: at(390), $ne: at(393) } });
    await expectSameAnswers(events, { partition: 1, k: { $gt: 390, $lt: at(0) } });
  });

  it('reads only the documents inside the range (explain: documents examined)', async () => {
    const examined = async (f: Filter<Document>) => ((await events.find(f).explain('executionStats'))['executionStats'] as { totalDocsExamined: number }).totalDocsExamined;
    // 100 documents of partition 1 have a date; 10 of them are after minute 360; the 4 the range does not decide are read too.
    const docs = await examined({ partition: 1, at: { $gt: at(360) } });
    if (real) expect(docs).toBeLessThanOrEqual(12);
    else expect(docs).toBe(14);
    // The index whose next field the range bounds, of two that pin as much.
    const numbers = await examined({ partition: 1, k: { $gte: 390 } });
    if (real) expect(numbers).toBeLessThanOrEqual(4);
    else expect(numbers).toBe(6);
    expect(await examined({ partition: 1 })).toBe(104);
  });
});

describe('multikey look-ups answer as a scan does', () => {
  const real = process.env['ITSM_TEST_MONGO_REAL'] === 'true';
  const people = Array.from({ length: 20 }, (_, i) => `p${i}`);
  const rules = Array.from({ length: 10 }, (_, i) => `r${i}`);
  const tags = ['t0', 't1', 't2', 't3', 't4', 't5'];
  const kinds = ['k0', 'k1', 'k2'];
  const xs = ['x0', 'x1', 'x2', 'x3'];
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(mongoUrl());
    db = client.db(`multikey_${randomUUID().slice(0, 8)}`);
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('answers random equality and $in filters on array fields as a scan does, through random writes', async () => {
    const random = seededRandom(15);
    const groups = db.collection('groups');
    await groups.createIndex({ memberIds: 1 });
    await groups.createIndex({ grantRuleIds: 1, published: 1 });
    await groups.createIndex({ kind: 1, tags: 1 });
    await groups.createIndex({ a: 1, b: 1 });
    // The same collection typed for the array operators (its documents hold other shapes too).
    const arrays = db.collection<ArrayFields>('groups');
    const memberIds = (): unknown => {
      const roll = random.next();
      if (roll < 0.6) return random.some(people, 5);
      if (roll < 0.7) return random.pick(people);
      if (roll < 0.75) return [];
      if (roll < 0.78) return null;
      if (roll < 0.82) return [random.pick(people), null];
      if (roll < 0.86) return [random.pick(people), { id: random.pick(people) }];
      if (roll < 0.9) return [[random.pick(people)], random.pick(people)];
      if (roll < 0.94) return [random.pick(people), 3, true];
      return undefined;
    };
    const xValue = (): unknown => (random.next() < 0.5 ? random.pick(xs) : random.some(xs, 3));
    let n = 0;
    const document = (): Document => {
      n += 1;
      const doc: Document = { n, kind: random.pick(kinds), tags: random.next() < 0.8 ? random.some(tags, 3) : random.pick(tags), a: xValue(), b: xValue() };
      const members = memberIds();
      if (members !== undefined) doc['memberIds'] = members;
      if (random.next() < 0.85) doc['grantRuleIds'] = random.some(rules, 3);
      if (random.next() < 0.9) doc['published'] = random.next() < 0.5;
      // Real MongoDB refuses arrays in two fields of one index ("cannot index parallel arrays").
      if (real && Array.isArray(doc['a']) && Array.isArray(doc['b'])) doc['b'] = random.pick(xs);
      return doc;
    };
    await groups.insertMany(Array.from({ length: 400 }, document));

    const filter = (): Filter<Document> => {
      switch (random.int(12)) {
        case 0:
          return { memberIds: random.pick(people) };
        case 1:
          return { memberIds: { $in: random.some(people, 4) } };
        case 2:
          return { memberIds: { $eq: random.pick(people) } };
        case 3:
          return { memberIds: random.pick([3, true, 'p0']) };
        case 4:
          return { grantRuleIds: { $in: random.some(rules, 3) }, published: true };
        case 5:
          return { grantRuleIds: random.pick(rules) };
        case 6:
          return { kind: random.pick(kinds), tags: random.pick(tags) };
        case 7:
          return { kind: { $in: random.some(kinds, 2) }, tags: { $in: random.some(tags, 3) } };
        case 8:
          return { a: random.pick(xs), b: { $in: random.some(xs, 2) } };
        case 9:
          return { a: { $in: random.some(xs, 2) } };
        case 10:
          return { memberIds: random.pick(people), n: { $lt: n / 2 } };
        default:
          return { memberIds: { $in: random.some(people, 3) }, $or: [{ published: true }, { kind: 'k1' }] };
      }
    };
    const someN = () => 1 + random.int(n);
    let written = 0;
    const count = (result: { modifiedCount?: number; deletedCount?: number; upsertedCount?: number }) => {
      written += (result.modifiedCount ?? 0) + (result.deletedCount ?? 0) + (result.upsertedCount ?? 0);
    };
    // $push and $addToSet refuse a field that holds a scalar (on both peers): those writes may fail and change nothing.
    const tolerated = <T>(write: Promise<T>) => write.catch(() => undefined);
    const write = async (): Promise<void> => {
      const p = random.pick(people);
      switch (random.int(14)) {
        case 0:
          return count(await arrays.updateMany({ memberIds: p }, { $pull: { memberIds: p } }));
        case 1:
          return count((await tolerated(arrays.updateOne({ n: someN() }, { $push: { memberIds: p } }))) ?? {});
        case 2:
          return count((await tolerated(arrays.updateOne({ n: someN() }, { $addToSet: { memberIds: { $each: random.some(people, 3) } } }))) ?? {});
        case 3:
          return count(await groups.updateMany({ grantRuleIds: random.pick(rules) }, { $set: { published: random.next() < 0.5 } }));
        case 4:
          return count(await groups.updateOne({ n: someN() }, { $set: { memberIds: memberIds() ?? [] } }));
        case 5:
          return count(await groups.updateOne({ n: someN() }, { $unset: { memberIds: '' } }));
        case 6: {
          const target = someN();
          const replacement = document();
          n -= 1;
          return count(await groups.replaceOne({ n: target }, { ...replacement, n: target }));
        }
        case 7:
          return count(await groups.updateOne({ memberIds: `new-${random.int(5)}` }, { $set: { kind: random.pick(kinds), n: (n += 1) } }, { upsert: true }));
        case 8:
          return count(await groups.deleteOne({ memberIds: p }));
        case 9:
          return count(await groups.deleteMany({ kind: random.pick(kinds), tags: random.pick(tags), n: { $gt: n - 50 } }));
        case 10:
          await groups.insertOne(document());
          written += 1;
          return;
        case 11: {
          const removed = random.some(people, 2);
          const before = await arrays.findOneAndUpdate({ memberIds: { $in: removed } }, { $pullAll: { memberIds: removed } });
          if (before !== null) written += 1;
          return;
        }
        case 12:
          return count(await arrays.updateMany({ kind: random.pick(kinds), tags: { $in: random.some(tags, 2) } }, { $pull: { tags: random.pick(tags) } }));
        default:
          return count(await groups.updateOne({ a: random.pick(xs) }, { $set: { b: real ? random.pick(xs) : xValue() } }));
      }
    };

    let matched = 0;
    for (let round = 0; round < 8; round += 1) {
      for (let check = 0; check < 20; check += 1) matched += await expectSameAnswers(groups, filter());
      for (let step = 0; step < 15; step += 1) await write();
    }
    for (const person of people) matched += await expectSameAnswers(groups, { memberIds: person });
    // The answers are not all empty and the writes changed documents: a broken index would show.
    expect(matched).toBeGreaterThan(1000);
    expect(written).toBeGreaterThan(60);
  });

  it('reads only the documents holding the value (explain: documents examined), kept current by writes', async () => {
    const groups = db.collection<{ name: string; memberIds: string[] }>('directory_groups');
    await groups.createIndex({ memberIds: 1 });
    // 2,000 groups of four members each; every person is in exactly four groups.
    await groups.insertMany(Array.from({ length: 2000 }, (_, g) => ({ name: `g${g}`, memberIds: [0, 1, 2, 3].map((j) => `p${(g + j * 500) % 2000}`) })));
    const examined = async (f: Filter<Document>) => {
      const plan = await groups.find(f).explain('executionStats');
      const planner = plan['queryPlanner'] as { winningPlan?: { inputStage?: { trieBuild?: number } } };
      return {
        docs: (plan['executionStats'] as { totalDocsExamined: number }).totalDocsExamined,
        planner: JSON.stringify(planner),
        // The embedded server's: which build of the index's trie answered (real MongoDB has no such thing).
        trieBuild: planner.winningPlan?.inputStage?.trieBuild,
      };
    };

    const one = await examined({ memberIds: 'p42' });
    expect(one.docs).toBe(4);
    expect(one.planner).toContain('memberIds_1');
    expect(await groups.countDocuments({ memberIds: 'p42' })).toBe(4);
    expect((await examined({ memberIds: { $in: ['p1', 'p2', 'p501'] } })).docs).toBe(8);
    // Not an indexed field: every group is read.
    expect((await examined({ name: 'g42' })).docs).toBe(2000);

    const built = one.trieBuild;
    if (!real) expect(built).toEqual(expect.any(Number));
    await groups.updateOne({ name: 'g7' }, { $push: { memberIds: 'p42' } });
    await groups.updateOne({ name: 'g42' }, { $pull: { memberIds: 'p42' } });
    await groups.updateOne({ name: 'g8' }, { $set: { memberIds: ['p42', 'p43'] } });
    await groups.insertOne({ name: 'new', memberIds: ['p42'] });
    await groups.deleteOne({ name: 'g542' });
    const after = await examined({ memberIds: 'p42' });
    expect(after.docs).toBe(5);
    // The writes kept the trie current instead of dropping it: the same build answered.
    expect(after.trieBuild).toBe(built);
    expect(sorted(await groups.find({ memberIds: 'p42' }).toArray())).toEqual(sorted(await groups.find({ $and: [{ memberIds: 'p42' }] }).toArray()));
  });
});

/**
 * A bulk write of several statements answers as MongoDB does for the whole command (the embedded
 * server runs it statement by statement, each reading only its own documents): modified and deleted
 * counts (CongoDB also counts the failed statement's match: not asserted), the upserted
 * statement's index, the failed statement's index, and an ordered write stopping at its first error.
 */
describe('bulk writes of several statements', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(mongoUrl());
    db = client.db(`bulk_${randomUUID().slice(0, 8)}`);
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  /** Four documents, the second one's `n` a string (`$inc` on it is a write error on either peer), and the bulk write over them. */
  async function bulkOver(ordered: boolean) {
    const collection = db.collection(`c_${randomUUID().slice(0, 8)}`);
    const ids = [new ObjectId(), new ObjectId(), new ObjectId(), new ObjectId()];
    await collection.insertMany(ids.map((_id, i) => ({ _id, n: i === 1 ? 'text' : i })));
    const upsertedId = new ObjectId();
    const error = await collection
      .bulkWrite(
        [
          { updateOne: { filter: { _id: ids[0] }, update: { $inc: { n: 10 } } } },
          { updateOne: { filter: { _id: ids[1] }, update: { $inc: { n: 10 } } } },
          { updateOne: { filter: { _id: ids[2] }, update: { $inc: { n: 10 } } } },
          { updateOne: { filter: { _id: upsertedId }, update: { $set: { n: 99 } }, upsert: true } },
        ],
        { ordered },
      )
      .then(() => undefined, (e: unknown) => e as { writeErrors: unknown; result: { matchedCount: number; modifiedCount: number; upsertedIds: Record<number, unknown> } });
    const values = Object.fromEntries((await collection.find().toArray()).map((d) => [String(d['_id']), d['n']]));
    return { error, values, ids, upsertedId, collection };
  }

  it('an unordered write applies every statement but the failed one, naming its index and the upsert', async () => {
    const { error, values, ids, upsertedId } = await bulkOver(false);
    expect(error).toBeDefined();
    const writeErrors = [error?.writeErrors].flat() as { index: number }[];
    expect(writeErrors.map((e) => e.index)).toEqual([1]);
    expect(error?.result.modifiedCount).toBe(2);
    expect(Object.keys(error?.result.upsertedIds ?? {})).toEqual(['3']);
    expect(values).toEqual({ [String(ids[0])]: 10, [String(ids[1])]: 'text', [String(ids[2])]: 12, [String(ids[3])]: 3, [String(upsertedId)]: 99 });
  });

  it('an ordered write stops at its first failed statement', async () => {
    const { error, values, ids } = await bulkOver(true);
    expect(([error?.writeErrors].flat() as { index: number }[]).map((e) => e.index)).toEqual([1]);
    expect(error?.result.modifiedCount).toBe(1);
    expect(error?.result.upsertedIds).toEqual({});
    expect(values).toEqual({ [String(ids[0])]: 10, [String(ids[1])]: 'text', [String(ids[2])]: 2, [String(ids[3])]: 3 });
  });

  it('deletes of several statements count what each removed', async () => {
    const { collection, ids, upsertedId } = await bulkOver(false);
    const result = await collection.bulkWrite([
      { deleteOne: { filter: { _id: ids[0] } } },
      { deleteOne: { filter: { _id: new ObjectId() } } },
      { deleteMany: { filter: { _id: { $in: ids.slice(2, 4) } } } },
    ]);
    expect(result.deletedCount).toBe(3);
    expect((await collection.find().toArray()).map((d) => String(d['_id'])).sort()).toEqual([String(ids[1]), String(upsertedId)].sort());
  });
});
