import { evolveRequestFact, periodBuckets, requestReportRows } from '../domain';
import type { RequestEvent, RequestFact } from '../domain';
import { requestHistory } from '../test-fixtures/change-request-history';
import { projectFacts, SequencedFactStore } from './sequenced-facts';

/** An in-memory store; `interfere` may change a stored fact just before a write (another replica), which must then be a conflict. */
class MemoryStore extends SequencedFactStore<RequestFact> {
  readonly facts = new Map<string, RequestFact>();
  interfere: (() => void) | null = null;

  async load(keys: readonly string[]): Promise<ReadonlyMap<string, RequestFact>> {
    return new Map(keys.flatMap((key) => (this.facts.has(key) ? [[key, this.facts.get(key) as RequestFact] as const] : [])));
  }

  async write(writes: readonly { readonly fact: RequestFact; readonly previous: number | null }[]): Promise<ReadonlySet<string>> {
    const interfere = this.interfere;
    this.interfere = null;
    interfere?.();
    const conflicts = new Set<string>();
    for (const { fact, previous } of writes) {
      if ((this.facts.get(fact.key)?.sequence ?? null) !== previous) conflicts.add(fact.key);
      else this.facts.set(fact.key, fact);
    }
    return conflicts;
  }
}

const MARCH = periodBuckets({ from: '2026-03-01', to: '2026-04-01', timeZone: 'UTC', grain: 'month' });
const report = (store: MemoryStore) => requestReportRows({ buckets: MARCH, groupBy: 'item', filter: null, requests: store.facts.values() });

describe('projecting facts', () => {
  it('gives the same figures one event at a time, in one batch with duplicates, and rebuilt from the topic', async () => {
    const events = requestHistory();
    const oneByOne = new MemoryStore();
    for (const event of [...events, ...events]) await projectFacts(oneByOne, [event], evolveRequestFact);
    const batch = new MemoryStore();
    await projectFacts(batch, events.flatMap((e) => [e, e]), evolveRequestFact);
    expect(report(batch)).toEqual(report(oneByOne));
    // 4 items submitted (hand-computed in request-report.spec): the figures are there, not empty.
    expect(report(batch).reduce((sum, row) => sum + row.submitted, 0)).toBe(4);
    // Rebuilt: the topic replayed into an empty store.
    const rebuilt = new MemoryStore();
    await projectFacts(rebuilt, events, evolveRequestFact);
    expect(report(rebuilt)).toEqual(report(batch));
  });

  it('reads again and retries when another writer changed a fact meanwhile', async () => {
    const events = requestHistory();
    const first = events.filter((e) => e.data.requestId === 'r-1');
    const store = new MemoryStore();
    await projectFacts(store, first.slice(0, 3), evolveRequestFact);
    // Another replica applies the 4th event just before this batch's write: the write conflicts, the retry folds from its fact.
    store.interfere = () => {
      const key = first[0]?.subject as string;
      store.facts.set(key, evolveRequestFact(store.facts.get(key), first[3] as RequestEvent) as RequestFact);
    };
    await projectFacts(store, first.slice(3), evolveRequestFact);
    const reference = new MemoryStore();
    await projectFacts(reference, first, evolveRequestFact);
    expect([...store.facts.values()]).toEqual([...reference.facts.values()]);
  });
});
