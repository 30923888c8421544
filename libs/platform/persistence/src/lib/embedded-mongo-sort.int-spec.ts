import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';

// Persistence sits below the testing lib, so it reads the peer the global setup started from the environment.
const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

/**
 * Strings sort by code point, as MongoDB's default collation sorts them and as its range filters
 * compare them: a cursor key `name\0id` (lower-cased name, NUL, id) pages without skipping or
 * repeating a document. Runs on whichever peer the tier uses.
 */
describe('string order on the MongoDB peer', () => {
  const keys = ['desk 1234\u0000b', 'desk 12\u0000a', 'Desk 12\u0000c', 'desk 12-x\u0000d', 'desk 12x\u0000e', 'desk12\u0000f'];
  const binary = [...keys].sort();

  it('sorts strings by code point, and pages after a key in the same order', async () => {
    const client = await MongoClient.connect(mongoUrl());
    const db = client.db(`sort_${randomUUID().slice(0, 8)}`);
    try {
      const docs = db.collection<{ key: string }>('docs');
      await docs.insertMany(keys.map((key) => ({ key })));
      expect((await docs.find({}).sort({ key: 1 }).toArray()).map((d) => d.key)).toEqual(binary);
      expect((await docs.find({}).sort({ key: -1 }).toArray()).map((d) => d.key)).toEqual([...binary].reverse());
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const filter: { key?: { $gt: string } } = after === null ? {} : { key: { $gt: after } };
        const page = (await docs.find(filter).sort({ key: 1 }).limit(2).toArray()).map((d) => d.key);
        if (page.length === 0) break;
        paged.push(...page);
        after = page[page.length - 1] ?? null;
      }
      expect(paged).toEqual(binary);
    } finally {
      await db.dropDatabase();
      await client.close();
    }
  });
});
