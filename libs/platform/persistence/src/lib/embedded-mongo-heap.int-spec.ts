import { readdir, readFile } from 'node:fs/promises';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from './embedded-mongo';

/** The command lines of the running processes (Linux /proc), NUL-separated arguments joined by spaces. */
async function commandLines(): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^[0-9]+$/.test(name));
  const lines = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/cmdline`, 'utf8').then((raw) => raw.split('\0').join(' '), () => '')));
  return lines.filter((line) => line.length > 0);
}

describe('the embedded MongoDB-wire server', () => {
  it('runs with the heap limit and young generation it is given, and node\'s defaults when none is given', async () => {
    const [limited, plain] = await Promise.all([startEmbeddedMongo({ heapMb: 640, semiSpaceMb: 32 }), startEmbeddedMongo()]);
    try {
      const client = await MongoClient.connect(limited.url);
      await client.db('heap').collection('c').insertOne({ n: 1 });
      expect(await client.db('heap').collection('c').countDocuments({})).toBe(1);
      await client.close();
      const serverOf = (url: string) => (lines: string[]) => lines.filter((line) => line.includes('embedded-mongo-server.mjs') && line.includes(` ${new URL(url).port} `));
      const lines = await commandLines();
      expect(serverOf(limited.url)(lines)).toEqual([expect.stringContaining('--max-old-space-size=640 --max-semi-space-size=32 ')]);
      expect(serverOf(plain.url)(lines)).toEqual([expect.not.stringMatching(/--max-old-space-size|--max-semi-space-size/)]);
    } finally {
      await Promise.all([limited.stop(), plain.stop()]);
    }
  });
});
