import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

interface Doc {
  n: number;
  kept: string;
  nested: { a: number; b: string };
  dropped: string;
}

/**
 * A projected find's every batch is projected (the embedded server projects batch by batch, not
 * the whole result up front), with sort, skip and limit applied before, and a cursor closed early
 * leaves the next find unaffected. Runs on whichever peer the tier uses.
 */
describe('projected finds over several batches on the MongoDB peer', () => {
  it('projects every batch of a cursor, sorted, skipped and limited first', async () => {
    const client = await MongoClient.connect(mongoUrl());
    const db = client.db(`batches_${randomUUID().slice(0, 8)}`);
    try {
      const docs = db.collection<Doc>('docs');
      await docs.insertMany(Array.from({ length: 350 }, (_, n) => ({ n, kept: `k${n}`, nested: { a: n, b: 'drop' }, dropped: 'x'.repeat(10) })));
      const rows = await docs.find({ n: { $gte: 10 } }, { projection: { _id: 0, n: 1, kept: 1, 'nested.a': 1 }, batchSize: 50 }).sort({ n: -1 }).skip(5).limit(300).toArray();
      expect(rows).toHaveLength(300);
      expect(rows[0]).toEqual({ n: 344, kept: 'k344', nested: { a: 344 } });
      expect(rows[299]).toEqual({ n: 45, kept: 'k45', nested: { a: 45 } });
      expect(rows.every((row, i) => Object.keys(row).join() === 'n,kept,nested' && row.n === 344 - i)).toBe(true);
      // Default batch sizes (101, then the server's), and an exclusion projection.
      const all = await docs.find({}, { projection: { dropped: 0, nested: 0 } }).toArray();
      expect(all).toHaveLength(350);
      expect(all.filter((row) => Object.keys(row).sort().join() !== '_id,kept,n').slice(0, 2)).toEqual([]);
      // A cursor closed after its first batch, then a projected find again.
      const cursor = docs.find({}, { projection: { _id: 0, n: 1 }, batchSize: 10 });
      expect(await cursor.next()).toEqual({ n: 0 });
      await cursor.close();
      expect(await docs.find({ n: { $lt: 3 } }, { projection: { _id: 0, kept: 1 } }).sort({ n: 1 }).toArray()).toEqual([{ kept: 'k0' }, { kept: 'k1' }, { kept: 'k2' }]);
    } finally {
      await db.dropDatabase();
      await client.close();
    }
  });
});
