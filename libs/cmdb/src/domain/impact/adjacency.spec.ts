import { AdjacencyLists } from './adjacency';

/** The entries of a list as sorted "other:type:edge" strings. */
function entries(lists: AdjacencyLists, list: number): string[] {
  const { heads, pairs, edges } = lists;
  const result: string[] = [];
  for (let k = heads[2 * list] as number, end = k + (heads[2 * list + 1] as number); k < end; k++) result.push(`${pairs[2 * k]}:${pairs[2 * k + 1]}:${edges[k]}`);
  return result.sort();
}

describe('AdjacencyLists', () => {
  it('adds, removes and retypes entries', () => {
    const lists = new AdjacencyLists();
    lists.ensureLists(3);
    for (let e = 0; e < 10; e++) lists.add(1, 100 + e, e % 3, e);
    lists.add(2, 7, 1, 50);
    lists.remove(1, 3);
    lists.remove(1, 99); // not there: no-op
    lists.setType(1, 4, 9);
    expect(entries(lists, 0)).toEqual([]);
    expect(entries(lists, 1)).toEqual(['100:0:0', '101:1:1', '102:2:2', '104:9:4', '105:2:5', '106:0:6', '107:1:7', '108:2:8', '109:0:9']);
    expect(entries(lists, 2)).toEqual(['7:1:50']);
  });

  it('takes over compressed sparse rows, then grows them like any lists', () => {
    // list 0: two entries, list 1: none, list 2: one; room for two more past the rows
    const lists = AdjacencyLists.fromRows(3, Int32Array.of(0, 2, 2, 3), Int32Array.of(5, 0, 6, 1, 7, 0, 0, 0, 0, 0), Int32Array.of(10, 11, 12, 0, 0));
    expect([0, 1, 2].map((l) => entries(lists, l))).toEqual([['5:0:10', '6:1:11'], [], ['7:0:12']]);
    lists.add(1, 8, 2, 13);
    lists.add(0, 9, 0, 14);
    lists.remove(0, 10);
    lists.ensureLists(4);
    lists.add(3, 1, 1, 15);
    expect([0, 1, 2, 3].map((l) => entries(lists, l))).toEqual([['6:1:11', '9:0:14'], ['8:2:13'], ['7:0:12'], ['1:1:15']]);
  });

  it('matches a plain model through growth, relocation and compaction (seeded random)', () => {
    let seed = 42;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const lists = new AdjacencyLists();
    const model = new Map<number, Map<number, string>>();
    let nextEdge = 0;
    let listCount = 0;
    for (let step = 0; step < 60_000; step++) {
      if (listCount < 5000 && random() < 0.1) lists.ensureLists(++listCount);
      if (listCount === 0) continue;
      // a few heavy lists, many light ones
      const list = random() < 0.2 ? Math.floor(random() * Math.min(listCount, 10)) : Math.floor(random() * listCount);
      const mine = model.get(list) ?? new Map<number, string>();
      model.set(list, mine);
      // grow, then shrink (garbage outgrows live entries), then grow again (relocations compact)
      const r = random() + (step >= 30_000 && step < 45_000 ? 0.5 : -0.2);
      if (r < 0.65 || mine.size === 0) {
        const edge = nextEdge++;
        const other = Math.floor(random() * 1e6);
        const type = Math.floor(random() * 8);
        lists.add(list, other, type, edge);
        mine.set(edge, `${other}:${type}:${edge}`);
      } else {
        const edges = [...mine.keys()];
        const edge = edges[Math.floor(random() * edges.length)] as number;
        if (r < 0.9) {
          lists.remove(list, edge);
          mine.delete(edge);
        } else {
          const type = Math.floor(random() * 8);
          lists.setType(list, edge, type);
          mine.set(edge, (mine.get(edge) as string).replace(/:\d+:/, `:${type}:`));
        }
      }
      if (step > 55_000 && step % 1000 === 0) lists.compactIfScattered();
    }
    for (let list = 0; list < listCount; list++) expect([list, entries(lists, list)]).toEqual([list, [...(model.get(list)?.values() ?? [])].sort()]);
  });

  it('compacts after many lists moved, keeping every entry', () => {
    const lists = new AdjacencyLists();
    lists.ensureLists(4000);
    for (let round = 0; round < 6; round++) for (let list = 0; list < 4000; list++) lists.add(list, list, round, list * 10 + round);
    const slab = lists.pairs;
    lists.compactIfScattered();
    expect(lists.pairs).not.toBe(slab);
    // compacted in list order
    for (let list = 1; list < 4000; list++) expect(lists.heads[2 * list]).toBeGreaterThan(lists.heads[2 * (list - 1)] as number);
    expect(entries(lists, 3999)).toEqual([0, 1, 2, 3, 4, 5].map((round) => `3999:${round}:${39990 + round}`));
  });

  it('reclaims the room moved lists left behind once it outgrows the live entries', () => {
    const lists = new AdjacencyLists();
    lists.ensureLists(2);
    for (let e = 0; e < 10_000; e++) lists.add(0, e, 1, e); // moves 12 times: 16k garbage
    for (let e = 10; e < 10_000; e++) lists.remove(0, e);
    const slab = lists.edges;
    for (let e = 0; e < 5; e++) lists.add(1, e, 2, 100_000 + e); // list 1 moves: garbage > live, so compact
    expect(lists.edges).not.toBe(slab);
    expect(lists.edges.length).toBeLessThan(10_000);
    expect(entries(lists, 0)).toEqual(Array.from({ length: 10 }, (_, e) => `${e}:1:${e}`).sort());
    expect(entries(lists, 1)).toEqual(Array.from({ length: 5 }, (_, e) => `${e}:2:${100_000 + e}`).sort());
  });
});
