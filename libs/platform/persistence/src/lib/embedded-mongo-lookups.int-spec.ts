import { randomUUID } from 'node:crypto';
import { MongoClient, ObjectId } from 'mongodb';
import type { Collection, Document, Filter } from 'mongodb';

// Persistence sits below the testing lib, so it reads the peer the global setup started from the environment.
const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

/**
 * The look-ups by key (embedded-mongo-id-lookups.mjs, embedded-mongo-index-lookups.mjs) must answer
 * exactly as a scan does. The oracle is the same filter wrapped in `$and`: no look-up pins a field
 * under `$and`, so the embedded server answers it by testing every document (and real MongoDB
 * answers both the same way). Runs on whichever peer the tier uses.
 */
describe('look-ups by declared index answer as a scan does', () => {
  let client: MongoClient;
  let tickets: Collection;

  const sorted = (docs: Document[]) => docs.map((d) => String(d['_id'])).sort();
  async function expectSameAsScan(filter: Filter<Document>): Promise<number> {
    const [indexed, scanned] = await Promise.all([tickets.find(filter).toArray(), tickets.find({ $and: [filter] }).toArray()]);
    expect(sorted(indexed)).toEqual(sorted(scanned));
    expect(await tickets.countDocuments(filter)).toBe(scanned.length);
    // A projection that leaves the pinned fields out: the answer still holds only matching documents.
    expect(sorted(await tickets.find(filter, { projection: { n: 1 } }).toArray())).toEqual(sorted(scanned));
    return scanned.length;
  }

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
