/**
 * Where one report's read goes, find by find (the filters IncidentRollupRepository.find sends):
 * the plan the server chose and the documents it examined (explain), the documents answered and
 * their BSON size as sent and as stored (no projection), the same filter's `count` (the server's
 * look-up and filtering with a reply of one number) against the whole find (look-up, filtering,
 * projection, the reply's batches over the wire, decoding here), and a `ping` (one round trip).
 * What grows with the incidents shows there: examined documents (a scan), stored size (what a
 * projection must copy or skip), or the reply.
 */
import { BSON } from 'mongodb';
import type { CommandStartedEvent, Db, Document, MongoClient } from 'mongodb';

const ROLLUPS = 'reporting_incident_rollups';
const round = (value: number, digits = 2): number => +value.toFixed(digits);

export interface FindAnatomy {
  readonly name: string;
  readonly plan: string;
  readonly examined: number | null;
  readonly answered: number;
  readonly sentKb: number;
  readonly storedKb: number;
  readonly countMs: number;
  readonly findMs: number;
}

export interface ReadAnatomy {
  readonly pingMs: number;
  readonly finds: readonly FindAnatomy[];
}

/** The median of `runs` timings of `run` (ms). */
async function medianMs(runs: number, run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return round(samples.sort((a, b) => a - b)[Math.floor(runs / 2)] as number);
}

const planOf = (explain: Document): string => {
  const plan = (explain['queryPlanner'] as Document | undefined)?.['winningPlan'] as Document | undefined;
  const input = plan?.['inputStage'] as Document | undefined;
  return input === undefined ? String(plan?.['stage'] ?? '?') : `${String(plan?.['stage'])}<${String(input['stage'])} ${String(input['indexName'] ?? '')}>`;
};

/** The finds on the rollups that `run` sends (the client monitors its commands), as `{ name, filter, projection }`. */
export async function recordFinds(client: MongoClient, run: () => Promise<unknown>): Promise<{ name: string; filter: Document; projection: Document }[]> {
  const finds: { name: string; filter: Document; projection: Document }[] = [];
  const listener = (event: CommandStartedEvent): void => {
    if (event.commandName !== 'find' || event.command['find'] !== ROLLUPS) return;
    const filter = (event.command['filter'] ?? {}) as Document;
    finds.push({ name: Object.keys(filter).some((k) => k === 'day' && (filter[k] as Document)['$in'] !== undefined) ? 'slots' : `find ${finds.length + 1}`, filter, projection: (event.command['projection'] ?? {}) as Document });
  };
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return finds;
}

/** The anatomy of finds on the rollups: each `{ name, filter, projection }` as the repository sends it. */
export async function readAnatomy(db: Db, finds: readonly { name: string; filter: Document; projection: Document }[], runs = 9): Promise<ReadAnatomy> {
  const collection = db.collection(ROLLUPS);
  const pingMs = await medianMs(runs, () => db.command({ ping: 1 }));
  const out: FindAnatomy[] = [];
  for (const { name, filter, projection } of finds) {
    let examined: number | null = null;
    let plan = '?';
    try {
      const explain = await db.command({ explain: { find: ROLLUPS, filter }, verbosity: 'executionStats' });
      plan = planOf(explain);
      examined = Number((explain['executionStats'] as Document | undefined)?.['totalDocsExamined'] ?? NaN);
    } catch {
      // A server without explain of find: the plan stays unknown.
    }
    const sent = await collection.find(filter, { projection }).toArray();
    const stored = await collection.find(filter).toArray();
    const countMs = await medianMs(runs, () => db.command({ count: ROLLUPS, query: filter }));
    const findMs = await medianMs(runs, () => collection.find(filter, { projection }).toArray());
    const kb = (docs: Document[]): number => round(docs.reduce((sum, d) => sum + BSON.calculateObjectSize(d), 0) / 1024, 1);
    out.push({ name, plan, examined, answered: sent.length, sentKb: kb(sent), storedKb: kb(stored), countMs, findMs });
  }
  return { pingMs, finds: out };
}

export const showAnatomy = (title: string, a: ReadAnatomy): string[] => [
  `${title} (ping ${a.pingMs} ms):`,
  ...a.finds.map((f) => `    ${f.name.padEnd(8)} ${f.plan}: examined ${String(f.examined)}, answered ${f.answered} (${f.sentKb} KB sent, ${f.storedKb} KB stored); count ${f.countMs} ms, find ${f.findMs} ms`),
];
