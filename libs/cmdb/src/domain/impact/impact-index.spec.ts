import type { OperationalStatus } from '../model/ci';
import { ImpactIndex } from './impact-index';
import type { ImpactedCi, ImpactQuery, ImpactRelationshipType, ImpactResult, IndexedCi, RedundancyRule } from './impact.types';

const TYPES: readonly ImpactRelationshipType[] = [
  { id: 'depends_on', propagation: 'target_to_source', membership: false }, // depends on / used by
  { id: 'runs_on', propagation: 'target_to_source', membership: false }, // runs on / runs
  { id: 'hosted_on', propagation: 'target_to_source', membership: false }, // hosted on / hosts
  { id: 'contains', propagation: 'source_to_target', membership: false }, // contains / contained by
  { id: 'member_of', propagation: 'source_to_target', membership: true }, // member of / has member
  { id: 'documents', propagation: 'none', membership: false },
];

interface CiOptions {
  readonly classId?: string;
  readonly name?: string;
  readonly status?: OperationalStatus;
  readonly service?: boolean;
  readonly redundancy?: RedundancyRule | null;
}

function ci(id: string, options: CiOptions = {}): IndexedCi {
  return {
    id,
    classId: options.classId ?? 'server',
    name: options.name ?? id,
    operationalStatus: options.status ?? 'operational',
    service: options.service ?? false,
    redundancy: options.redundancy ?? null,
  };
}

/** A small fixture: CIs and relationships applied with increasing sequences. */
class Graph {
  readonly index = new ImpactIndex(TYPES);
  private sequence = 0;
  private relCount = 0;

  add(id: string, options: CiOptions = {}): this {
    expect(this.index.upsertCi(ci(id, options), ++this.sequence)).toBe(true);
    return this;
  }

  /** `source --typeId--> target`; returns the relationship id. */
  rel(sourceId: string, typeId: string, targetId: string, id = `r${++this.relCount}`): string {
    expect(this.index.addRelationship({ id, typeId, sourceId, targetId }, ++this.sequence)).toBe(true);
    return id;
  }

  down(from: readonly string[], extra: Partial<ImpactQuery> = {}): ImpactResult {
    return this.index.impact({ from, direction: 'downstream', maxDepth: 20, ...extra });
  }

  up(from: readonly string[], extra: Partial<ImpactQuery> = {}): ImpactResult {
    return this.index.impact({ from, direction: 'upstream', maxDepth: 20, ...extra });
  }
}

function ids(result: ImpactResult): string[] {
  return result.impacted.map((c) => c.id);
}

function find(result: ImpactResult, id: string): ImpactedCi {
  const found = result.impacted.find((c) => c.id === id);
  if (found === undefined) throw new Error(`${id} not impacted: ${ids(result).join(', ')}`);
  return found;
}

/** "a --(runs_on:inverse)--> b --(...)--> c": the path read as a human would. */
function readPath(item: ImpactedCi): string {
  return item.path.map((s) => `${s.ciId} --(${s.typeId}:${s.reading})--> `).join('') + item.id;
}

describe('ImpactIndex: redundancy groups (downstream)', () => {
  function cluster(rule: RedundancyRule | null, s2Status: OperationalStatus = 'operational'): Graph {
    const g = new Graph();
    g.add('C', { classId: 'cluster', redundancy: rule }).add('S1').add('S2', { status: s2Status }).add('S3').add('A', { classId: 'application' });
    g.rel('S1', 'member_of', 'C', 'm1');
    g.rel('S2', 'member_of', 'C', 'm2');
    g.rel('S3', 'member_of', 'C', 'm3');
    g.rel('A', 'runs_on', 'C', 'runs');
    return g;
  }
  const two: RedundancyRule = { minAvailable: 2, minAvailablePercent: null };

  it('one member down of three, two required: the cluster holds and nothing is impacted', () => {
    const result = cluster(two).down(['S1']);
    expect(result.impacted).toEqual([]);
    expect(result.totalImpacted).toBe(0);
    expect(result.redundancyHeld).toEqual([{ id: 'C', name: 'C', redundancy: { members: 3, unavailable: 1, required: 2, unavailableMembers: ['S1'] } }]);
  });

  it('two members down: the cluster is impacted at depth 1 and the app at depth 2, through the tipping member', () => {
    const result = cluster(two).down(['S1', 'S2']);
    expect(ids(result)).toEqual(['C', 'A']);
    const c = find(result, 'C');
    expect(c.depth).toBe(1);
    expect(c.redundancy).toEqual({ members: 3, unavailable: 2, required: 2, unavailableMembers: ['S1', 'S2'] });
    // S1 alone left it held; S2's arrival tipped it.
    expect(c.path).toEqual([{ ciId: 'S2', relationshipId: 'm2', typeId: 'member_of', reading: 'forward' }]);
    const a = find(result, 'A');
    expect(a.depth).toBe(2);
    expect(a.path).toEqual([
      { ciId: 'S2', relationshipId: 'm2', typeId: 'member_of', reading: 'forward' },
      { ciId: 'C', relationshipId: 'runs', typeId: 'runs_on', reading: 'inverse' },
    ]);
    expect(readPath(a)).toBe('S2 --(member_of:forward)--> C --(runs_on:inverse)--> A');
    expect(result.redundancyHeld).toEqual([]);
  });

  it('a member down by status counts as unavailable unless considerStatus is false', () => {
    const g = cluster(two, 'non_operational');
    const withStatus = g.down(['S1']);
    expect(ids(withStatus)).toEqual(['C', 'A']);
    expect(find(withStatus, 'C').redundancy).toEqual({ members: 3, unavailable: 2, required: 2, unavailableMembers: ['S1', 'S2'] });
    expect(find(withStatus, 'C').path[0]?.ciId).toBe('S1');

    const withoutStatus = g.down(['S1'], { considerStatus: false });
    expect(withoutStatus.impacted).toEqual([]);
    expect(withoutStatus.redundancyHeld[0]?.redundancy).toEqual({ members: 3, unavailable: 1, required: 2, unavailableMembers: ['S1'] });
  });

  it('maintenance is not available, degraded is', () => {
    expect(ids(cluster(two, 'maintenance').down(['S1']))).toEqual(['C', 'A']);
    expect(ids(cluster(two, 'degraded').down(['S1']))).toEqual([]);
  });

  it('a percentage rule: 50% of 3 requires 2', () => {
    const rule = { minAvailable: null, minAvailablePercent: 50 };
    const held = cluster(rule).down(['S1']);
    expect(held.impacted).toEqual([]);
    expect(held.redundancyHeld[0]?.redundancy.required).toBe(2);
    expect(ids(cluster(rule).down(['S1', 'S3']))).toEqual(['C', 'A']);
  });

  it('minAvailable wins over the percentage', () => {
    const result = cluster({ minAvailable: 1, minAvailablePercent: 100 }).down(['S1', 'S2']);
    expect(result.impacted).toEqual([]);
    expect(result.redundancyHeld[0]?.redundancy).toMatchObject({ members: 3, unavailable: 2, required: 1 });
  });

  it('without a rule any member down impacts the group', () => {
    const result = cluster(null).down(['S3']);
    expect(ids(result)).toEqual(['C', 'A']);
    expect(find(result, 'C').redundancy).toMatchObject({ members: 3, unavailable: 1, required: 3 });
  });

  it('an origin that is a group is impacted regardless of its members', () => {
    const result = cluster(two).down(['C']);
    expect(ids(result)).toEqual(['A']);
    expect(result.origins).toEqual(['C']);
  });

  it('retired members, members of unknown CIs and removed memberships do not count', () => {
    const g = cluster(two);
    expect(g.index.retireCi('S3', 100)).toBe(true);
    // 2 members left, S1 down: 1 available < 2 required.
    expect(find(g.down(['S1']), 'C').redundancy).toEqual({ members: 2, unavailable: 1, required: 2, unavailableMembers: ['S1'] });

    const h = cluster(two);
    h.rel('ghost', 'member_of', 'C'); // ghost never upserted
    expect(h.index.removeRelationship('m3', 100)).toBe(true);
    expect(find(h.down(['S1']), 'C').redundancy).toMatchObject({ members: 2, unavailable: 1 });
  });

  it('a member joined twice to a group counts once', () => {
    const g = cluster(two);
    g.rel('S1', 'member_of', 'C', 'm1-again');
    const result = g.down(['S1']);
    expect(result.impacted).toEqual([]);
    expect(result.redundancyHeld[0]?.redundancy).toEqual({ members: 3, unavailable: 1, required: 2, unavailableMembers: ['S1'] });
  });

  it('a group tipped by members at different depths sits one hop below the tipping member', () => {
    const g = cluster(two);
    g.add('SW', { classId: 'network_device' });
    g.rel('S2', 'depends_on', 'SW', 'uplink'); // SW down -> S2 down (depth 1)
    const result = g.down(['S1', 'SW']);
    expect(find(result, 'S2').depth).toBe(1);
    const c = find(result, 'C');
    expect(c.depth).toBe(2);
    expect(readPath(c)).toBe('SW --(depends_on:inverse)--> S2 --(member_of:forward)--> C');
    expect(find(result, 'A').depth).toBe(3);
  });

  it('a member at maxDepth is listed but does not count against its group', () => {
    const g = cluster(two);
    g.add('SW', { classId: 'network_device' });
    g.rel('S2', 'depends_on', 'SW');
    const result = g.down(['S1', 'SW'], { maxDepth: 1 });
    expect(ids(result)).toEqual(['S2']);
    expect(result.depthLimitReached).toBe(true);
    expect(result.redundancyHeld).toEqual([{ id: 'C', name: 'C', redundancy: { members: 3, unavailable: 1, required: 2, unavailableMembers: ['S1'] } }]);
  });
});

describe('ImpactIndex: walking', () => {
  it('a cycle terminates and lists each CI once, at its shortest depth', () => {
    const g = new Graph();
    g.add('A').add('B').add('C').add('D');
    g.rel('A', 'contains', 'B', 'ab');
    g.rel('B', 'contains', 'C', 'bc');
    g.rel('C', 'contains', 'A', 'ca');
    g.rel('C', 'contains', 'D', 'cd');
    g.rel('A', 'contains', 'D', 'ad'); // shortcut: D at depth 1
    const result = g.down(['A']);
    expect(result.impacted.map((c) => [c.id, c.depth])).toEqual([
      ['B', 1],
      ['D', 1],
      ['C', 2],
    ]);
    expect(find(result, 'D').path).toEqual([{ ciId: 'A', relationshipId: 'ad', typeId: 'contains', reading: 'forward' }]);
    expect(readPath(find(result, 'C'))).toBe('A --(contains:forward)--> B --(contains:forward)--> C');
    expect(result.totalImpacted).toBe(3);
    expect(result.depthLimitReached).toBe(false);

    const fromC = g.down(['C']);
    expect(fromC.impacted.map((c) => [c.id, c.depth])).toEqual([
      ['A', 1],
      ['D', 1],
      ['B', 2],
    ]);
  });

  describe('the depth limit', () => {
    function chain(): Graph {
      const g = new Graph();
      for (let i = 0; i <= 10; i++) g.add(`n${i}`);
      for (let i = 1; i <= 10; i++) g.rel(`n${i}`, 'depends_on', `n${i - 1}`); // n_i depends on n_{i-1}
      return g;
    }

    it('maxDepth 3 on a chain of 10 lists exactly 3 and says the limit was reached', () => {
      const result = chain().down(['n0'], { maxDepth: 3 });
      expect(result.impacted.map((c) => [c.id, c.depth])).toEqual([
        ['n1', 1],
        ['n2', 2],
        ['n3', 3],
      ]);
      expect(result.totalImpacted).toBe(3);
      expect(result.depthLimitReached).toBe(true);
      expect(result.truncated).toBe(false);
    });

    it('maxDepth 10 reaches the end of the chain and the limit is not reached', () => {
      const result = chain().down(['n0'], { maxDepth: 10 });
      expect(result.totalImpacted).toBe(10);
      expect(find(result, 'n10').path.map((s) => s.ciId)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9']);
      expect(result.depthLimitReached).toBe(false);
    });

    it('maxDepth 0 lists nothing but says the limit was reached', () => {
      expect(chain().down(['n0'], { maxDepth: 0 })).toMatchObject({ totalImpacted: 0, depthLimitReached: true });
    });

    it('edges at maxDepth back to reached CIs, or to unknown or retired ones, do not count as unwalked', () => {
      const g = new Graph();
      g.add('x').add('y').add('z');
      g.rel('x', 'contains', 'y');
      g.rel('y', 'contains', 'x');
      g.rel('y', 'contains', 'ghost');
      g.rel('y', 'contains', 'z');
      g.rel('y', 'documents', 'w');
      g.index.retireCi('z', 100);
      expect(g.down(['x'], { maxDepth: 1 })).toMatchObject({ totalImpacted: 1, depthLimitReached: false });
      expect(g.index.upsertCi(ci('z'), 101)).toBe(true);
      expect(g.down(['x'], { maxDepth: 1 })).toMatchObject({ totalImpacted: 1, depthLimitReached: true });
    });
  });

  it('reads every step of a path: forward for source -> target, inverse for target -> source', () => {
    const g = new Graph();
    g.add('dc', { classId: 'location' }).add('server-1').add('app', { classId: 'application' }).add('app-svc', { classId: 'application_service', service: true });
    const contains = g.rel('dc', 'contains', 'server-1');
    const runs = g.rel('app', 'runs_on', 'server-1');
    const uses = g.rel('app-svc', 'depends_on', 'app');
    const result = g.down(['dc']);
    const svc = find(result, 'app-svc');
    expect(svc.depth).toBe(3);
    expect(svc.path).toEqual([
      { ciId: 'dc', relationshipId: contains, typeId: 'contains', reading: 'forward' },
      { ciId: 'server-1', relationshipId: runs, typeId: 'runs_on', reading: 'inverse' },
      { ciId: 'app', relationshipId: uses, typeId: 'depends_on', reading: 'inverse' },
    ]);
    expect(readPath(svc)).toBe('dc --(contains:forward)--> server-1 --(runs_on:inverse)--> app --(depends_on:inverse)--> app-svc');
    expect(find(result, 'server-1').path).toHaveLength(1);
    expect(result.services.map((s) => s.id)).toEqual(['app-svc']);
  });

  it('propagation none is never walked, and each propagation only one way', () => {
    const g = new Graph();
    g.add('a').add('b').add('doc');
    g.rel('doc', 'documents', 'a');
    g.rel('a', 'depends_on', 'b'); // b down -> a down; a down does not take b down
    expect(ids(g.down(['b']))).toEqual(['a']);
    expect(ids(g.down(['a']))).toEqual([]);
    expect(ids(g.up(['a']))).toEqual(['b']);
    expect(ids(g.down(['doc']))).toEqual([]);
  });

  it('the type filter restricts the walk; unknown type ids match nothing', () => {
    const g = new Graph();
    g.add('server').add('app').add('vm').add('svc', { service: true });
    g.rel('app', 'runs_on', 'server');
    g.rel('vm', 'hosted_on', 'server');
    g.rel('svc', 'depends_on', 'app');
    expect(ids(g.down(['server']))).toEqual(['app', 'vm', 'svc']);
    expect(ids(g.down(['server'], { relationshipTypes: ['runs_on'] }))).toEqual(['app']);
    expect(ids(g.down(['server'], { relationshipTypes: ['runs_on', 'depends_on'] }))).toEqual(['app', 'svc']);
    expect(ids(g.down(['server'], { relationshipTypes: ['nope'] }))).toEqual([]);
    expect(ids(g.down(['server'], { relationshipTypes: [] }))).toEqual([]);
    // the filter is per query
    expect(ids(g.down(['server']))).toEqual(['app', 'vm', 'svc']);
  });

  it('upstream from a business service: offering -> app service -> app -> VM -> server -> rack, with a database cluster', () => {
    const g = new Graph();
    g.add('bs', { classId: 'business_service', service: true })
      .add('offering', { classId: 'service_offering', service: true })
      .add('appsvc', { classId: 'application_service', service: true })
      .add('app', { classId: 'application' })
      .add('vm', { classId: 'virtual_machine' })
      .add('server')
      .add('rack', { classId: 'hardware' })
      .add('db', { classId: 'database' })
      .add('dbcluster', { classId: 'cluster', redundancy: { minAvailable: 1, minAvailablePercent: null } })
      .add('db-node-1')
      .add('db-node-2', { status: 'non_operational' })
      .add('consumer', { classId: 'application' });
    const r1 = g.rel('bs', 'depends_on', 'offering');
    const r2 = g.rel('offering', 'depends_on', 'appsvc');
    const r3 = g.rel('appsvc', 'depends_on', 'app');
    const r4 = g.rel('app', 'runs_on', 'vm');
    const r5 = g.rel('vm', 'hosted_on', 'server');
    const r6 = g.rel('rack', 'contains', 'server');
    g.rel('appsvc', 'depends_on', 'db');
    g.rel('db', 'runs_on', 'dbcluster');
    g.rel('db-node-1', 'member_of', 'dbcluster');
    g.rel('db-node-2', 'member_of', 'dbcluster');
    g.rel('consumer', 'depends_on', 'bs'); // uses bs: not needed by it

    const result = g.up(['bs']);
    expect(result.direction).toBe('upstream');
    expect(result.impacted.map((c) => [c.id, c.depth])).toEqual([
      ['offering', 1],
      ['appsvc', 2],
      ['app', 3],
      ['db', 3],
      ['dbcluster', 4],
      ['vm', 4],
      ['db-node-1', 5],
      ['db-node-2', 5],
      ['server', 5],
      ['rack', 6],
    ]);
    expect(find(result, 'rack').path).toEqual([
      { ciId: 'bs', relationshipId: r1, typeId: 'depends_on', reading: 'forward' },
      { ciId: 'offering', relationshipId: r2, typeId: 'depends_on', reading: 'forward' },
      { ciId: 'appsvc', relationshipId: r3, typeId: 'depends_on', reading: 'forward' },
      { ciId: 'app', relationshipId: r4, typeId: 'runs_on', reading: 'forward' },
      { ciId: 'vm', relationshipId: r5, typeId: 'hosted_on', reading: 'forward' },
      { ciId: 'server', relationshipId: r6, typeId: 'contains', reading: 'inverse' },
    ]);
    expect(readPath(find(result, 'db-node-2'))).toBe(
      'bs --(depends_on:forward)--> offering --(depends_on:forward)--> appsvc --(depends_on:forward)--> db --(runs_on:forward)--> dbcluster --(member_of:inverse)--> db-node-2',
    );
    expect(find(result, 'dbcluster').redundancy).toEqual({ members: 2, unavailable: 1, required: 1, unavailableMembers: ['db-node-2'] });
    expect(find(result, 'app').redundancy).toBeNull();
    expect(result.services.map((s) => s.id)).toEqual(['offering', 'appsvc']);
    expect(result.totalServices).toBe(2);
    expect(result.redundancyHeld).toEqual([]);

    // downstream: db-node-2 is already down, so losing db-node-1 takes the cluster down...
    expect(ids(g.down(['db-node-1']))).toEqual(['dbcluster', 'db', 'appsvc', 'offering', 'bs', 'consumer']);
    // ...unless status is ignored: one node left is enough.
    expect(g.down(['db-node-1'], { considerStatus: false }).redundancyHeld.map((h) => h.id)).toEqual(['dbcluster']);
    expect(ids(g.down(['rack']))).toEqual(['server', 'vm', 'app', 'appsvc', 'offering', 'bs', 'consumer']);
  });

  it('unknown and retired origins are reported, duplicate origins walked once', () => {
    const g = new Graph();
    g.add('a').add('b').add('gone');
    g.rel('b', 'depends_on', 'a');
    g.index.retireCi('gone', 100);
    const result = g.down(['a', 'nope', 'a', 'gone', 'nope']);
    expect(result.origins).toEqual(['a']);
    expect(result.unknownOrigins).toEqual(['nope', 'gone']);
    expect(ids(result)).toEqual(['b']);
    expect(g.down(['nope']).impacted).toEqual([]);
  });

  it('several origins: each CI at its depth from the nearest origin, origins never listed', () => {
    const g = new Graph();
    for (const id of ['a', 'b', 'c', 'd']) g.add(id);
    g.rel('b', 'depends_on', 'a');
    g.rel('c', 'depends_on', 'b');
    g.rel('d', 'depends_on', 'c');
    const result = g.down(['a', 'c']);
    expect(result.impacted.map((c) => [c.id, c.depth])).toEqual([
      ['b', 1],
      ['d', 1],
    ]);
  });
});

describe('ImpactIndex: limit and truncation', () => {
  function star(): Graph {
    const g = new Graph();
    g.add('core', { classId: 'network_device' });
    // 50 servers at depth 1, named in an order unrelated to insertion; every 5th one a service
    for (let i = 0; i < 50; i++) {
      const n = (i * 37) % 50;
      g.add(`s${n}`, { name: `srv-${String(n).padStart(2, '0')}`, service: n % 5 === 0 });
      g.rel(`s${n}`, 'connects', 'core'); // unknown type: stored, not walked
      g.rel(`s${n}`, 'depends_on', 'core');
    }
    for (let i = 0; i < 20; i++) {
      g.add(`a${i}`, { name: 'app', service: true }); // same name: ordered by id
      g.rel(`a${i}`, 'depends_on', `s${i}`);
    }
    return g;
  }

  it('lists `limit` CIs by depth, then name, with exact totals', () => {
    const result = star().down(['core'], { limit: 10 });
    expect(result.impacted.map((c) => c.name)).toEqual(['srv-00', 'srv-01', 'srv-02', 'srv-03', 'srv-04', 'srv-05', 'srv-06', 'srv-07', 'srv-08', 'srv-09']);
    expect(result.totalImpacted).toBe(70);
    expect(result.totalServices).toBe(30);
    expect(result.truncated).toBe(true);
    expect(result.services.map((s) => s.name)).toEqual(['srv-00', 'srv-05']);
  });

  it('a cut in the second level takes its first CIs by name then id', () => {
    const result = star().down(['core'], { limit: 53 });
    expect(result.impacted.slice(48).map((c) => c.id)).toEqual(['s48', 's49', 'a0', 'a1', 'a10']);
    expect(result.services).toHaveLength(13);
  });

  it('limit 0 lists nothing but counts; the default limit is 1000', () => {
    expect(star().down(['core'], { limit: 0 })).toMatchObject({ impacted: [], services: [], totalImpacted: 70, totalServices: 30, truncated: true });
    const all = star().down(['core']);
    expect(all.impacted).toHaveLength(70);
    expect(all.truncated).toBe(false);
    expect(all.services).toHaveLength(30);
    const depths = all.impacted.map((c) => c.depth);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
  });
});

describe('ImpactIndex: events out of order', () => {
  const rel = { id: 'r', typeId: 'depends_on', sourceId: 'app', targetId: 'db' };

  it('walks a relationship that arrived before its CIs once both are known', () => {
    const index = new ImpactIndex(TYPES);
    expect(index.addRelationship(rel, 1)).toBe(true);
    expect(index.size).toEqual({ cis: 0, relationships: 1 });
    expect(index.relationshipsOf('db')).toEqual([rel]);
    index.upsertCi(ci('db'), 1);
    expect(index.impact({ from: ['db'], direction: 'downstream', maxDepth: 5 }).impacted).toEqual([]);
    index.upsertCi(ci('app'), 1);
    expect(index.impact({ from: ['db'], direction: 'downstream', maxDepth: 5 }).impacted.map((c) => c.id)).toEqual(['app']);
    expect(index.size).toEqual({ cis: 2, relationships: 1 });
  });

  it('ignores older and duplicate CI events', () => {
    const index = new ImpactIndex(TYPES);
    expect(index.upsertCi(ci('db', { name: 'new' }), 5)).toBe(true);
    expect(index.upsertCi(ci('db', { name: 'old' }), 3)).toBe(false);
    expect(index.upsertCi(ci('db', { name: 'same' }), 5)).toBe(false);
    expect(index.ci('db')?.name).toBe('new');
    expect(index.upsertCi(ci('db', { name: 'newer' }), 6)).toBe(true);
    expect(index.ci('db')?.name).toBe('newer');
  });

  it('a retired CI is not walked, listed or revived by an older upsert; a newer one reactivates it', () => {
    const index = new ImpactIndex(TYPES);
    index.upsertCi(ci('db'), 1);
    index.upsertCi(ci('app'), 1);
    index.addRelationship(rel, 1);
    expect(index.retireCi('app', 10)).toBe(true);
    expect(index.retireCi('app', 10)).toBe(false);
    expect(index.upsertCi(ci('app'), 9)).toBe(false);
    expect(index.ci('app')).toBeUndefined();
    expect(index.size).toEqual({ cis: 1, relationships: 1 });
    const q: ImpactQuery = { from: ['db'], direction: 'downstream', maxDepth: 5 };
    expect(index.impact(q).totalImpacted).toBe(0);
    expect(index.upsertCi(ci('app'), 11)).toBe(true);
    expect(index.impact(q).totalImpacted).toBe(1);
  });

  it('a retire seen before any upsert leaves a tombstone', () => {
    const index = new ImpactIndex(TYPES);
    expect(index.retireCi('x', 4)).toBe(true);
    expect(index.upsertCi(ci('x'), 2)).toBe(false);
    expect(index.ci('x')).toBeUndefined();
    expect(index.size.cis).toBe(0);
  });

  it('a removed relationship is no longer walked, and an older add does not bring it back', () => {
    const index = new ImpactIndex(TYPES);
    index.upsertCi(ci('db'), 1);
    index.upsertCi(ci('app'), 1);
    const q: ImpactQuery = { from: ['db'], direction: 'downstream', maxDepth: 5 };
    expect(index.addRelationship(rel, 3)).toBe(true);
    expect(index.impact(q).totalImpacted).toBe(1);
    expect(index.removeRelationship('r', 5)).toBe(true);
    expect(index.impact(q).totalImpacted).toBe(0);
    expect(index.addRelationship(rel, 4)).toBe(false);
    expect(index.removeRelationship('r', 5)).toBe(false);
    expect(index.impact(q).totalImpacted).toBe(0);
    expect(index.relationshipsOf('db')).toEqual([]);
    expect(index.size.relationships).toBe(0);
    expect(index.addRelationship(rel, 6)).toBe(true);
    expect(index.impact(q).totalImpacted).toBe(1);
  });

  it('a remove seen before its add leaves a tombstone', () => {
    const index = new ImpactIndex(TYPES);
    expect(index.removeRelationship('r', 2)).toBe(true);
    expect(index.addRelationship(rel, 1)).toBe(false);
    expect(index.size.relationships).toBe(0);
  });

  it('a newer version of a relationship may move it', () => {
    const index = new ImpactIndex(TYPES);
    for (const id of ['app', 'db', 'db2']) index.upsertCi(ci(id), 1);
    index.addRelationship(rel, 1);
    index.addRelationship({ ...rel, targetId: 'db2' }, 2);
    const from = (id: string): string[] => index.impact({ from: [id], direction: 'downstream', maxDepth: 5 }).impacted.map((c) => c.id);
    expect(from('db')).toEqual([]);
    expect(from('db2')).toEqual(['app']);
    expect(index.relationshipsOf('db')).toEqual([]);
    expect(index.relationshipsOf('app')).toEqual([{ ...rel, targetId: 'db2' }]);
    index.addRelationship({ ...rel, targetId: 'db2', typeId: 'documents' }, 3);
    expect(from('db2')).toEqual([]);
    expect(index.size.relationships).toBe(1);
  });

  it('a relationship of an unknown type is kept and walked once the type is known', () => {
    const index = new ImpactIndex(TYPES);
    index.upsertCi(ci('switch'), 1);
    index.upsertCi(ci('server'), 1);
    index.addRelationship({ id: 'c', typeId: 'connects_to', sourceId: 'server', targetId: 'switch' }, 1);
    const q: ImpactQuery = { from: ['switch'], direction: 'downstream', maxDepth: 5 };
    expect(index.impact(q).totalImpacted).toBe(0);
    index.setRelationshipTypes([...TYPES, { id: 'connects_to', propagation: 'target_to_source', membership: false }]);
    expect(index.impact(q).impacted.map((c) => c.id)).toEqual(['server']);
    index.setRelationshipTypes(TYPES);
    expect(index.impact(q).totalImpacted).toBe(0);
  });
});

describe('ImpactIndex: the walk snapshot', () => {
  const q = (from: string, extra: Partial<ImpactQuery> = {}): ImpactQuery => ({ from: [from], direction: 'downstream', maxDepth: 10, ...extra });
  const reach = (index: ImpactIndex, query: ImpactQuery): string[] => index.impact(query).impacted.map((c) => c.id);

  function chain(): ImpactIndex {
    const index = new ImpactIndex(TYPES);
    for (const id of ['db', 'app', 'svc', 'other']) index.upsertCi(ci(id), 1);
    index.addRelationship({ id: 'r1', typeId: 'depends_on', sourceId: 'app', targetId: 'db' }, 1);
    return index;
  }

  it('is built once, by the first walk (or prepareWalks), then kept current', () => {
    const index = chain();
    expect(index.walkSnapshotBuilds).toBe(0);
    expect(reach(index, q('db'))).toEqual(['app']);
    expect(reach(index, q('app', { direction: 'upstream' }))).toEqual(['db']);
    expect(index.walkSnapshotBuilds).toBe(1);
    index.prepareWalks();
    expect(index.walkSnapshotBuilds).toBe(1);
  });

  it('a relationship added after a walk is walked by the next one, in both directions', () => {
    const index = chain();
    expect(reach(index, q('db'))).toEqual(['app']);
    index.addRelationship({ id: 'r2', typeId: 'depends_on', sourceId: 'svc', targetId: 'app' }, 2);
    expect(reach(index, q('db'))).toEqual(['app', 'svc']);
    expect(reach(index, q('svc', { direction: 'upstream' }))).toEqual(['app', 'db']);
    expect(index.walkSnapshotBuilds).toBe(1);
  });

  it('a relationship removed, moved or retyped after a walk is seen by the next one', () => {
    const index = chain();
    expect(reach(index, q('db'))).toEqual(['app']);
    index.addRelationship({ id: 'r1', typeId: 'depends_on', sourceId: 'other', targetId: 'db' }, 2); // moved
    expect(reach(index, q('db'))).toEqual(['other']);
    index.addRelationship({ id: 'r1', typeId: 'contains', sourceId: 'other', targetId: 'db' }, 3); // retyped: now db is downstream of other
    expect(reach(index, q('db'))).toEqual([]);
    expect(reach(index, q('other'))).toEqual(['db']);
    index.removeRelationship('r1', 4);
    expect(reach(index, q('other'))).toEqual([]);
    index.addRelationship({ id: 'r1', typeId: 'member_of', sourceId: 'other', targetId: 'db' }, 5); // a membership now
    expect(reach(index, q('other', { direction: 'upstream' }))).toEqual([]);
    expect(reach(index, q('db', { direction: 'upstream' }))).toEqual(['other']);
    expect(index.impact(q('other')).redundancyHeld).toEqual([]); // db has no rule: one member of one down impacts it
    expect(reach(index, q('other'))).toEqual(['db']);
    expect(index.walkSnapshotBuilds).toBe(1);
  });

  it('an event ignored by its sequence does not change it', () => {
    const index = chain();
    reach(index, q('db'));
    expect(index.addRelationship({ id: 'r1', typeId: 'depends_on', sourceId: 'other', targetId: 'db' }, 1)).toBe(false);
    expect(index.removeRelationship('r1', 0)).toBe(false);
    expect(reach(index, q('db'))).toEqual(['app']);
    expect(index.walkSnapshotBuilds).toBe(1);
  });

  it('new propagation rules after a walk are followed by the next one', () => {
    const index = chain();
    expect(reach(index, q('db'))).toEqual(['app']);
    index.setRelationshipTypes(TYPES.map((t) => (t.id === 'depends_on' ? { ...t, propagation: 'source_to_target' as const } : t)));
    expect(reach(index, q('db'))).toEqual([]);
    expect(reach(index, q('app'))).toEqual(['db']);
    expect(index.walkSnapshotBuilds).toBe(2);
  });

  it('CI changes keep the snapshot: a retired, revived or new CI and a member down are seen by the next walk without a rebuild', () => {
    const index = chain();
    index.upsertCi(ci('cluster', { redundancy: { minAvailable: 1, minAvailablePercent: null } }), 1);
    index.upsertCi(ci('n1'), 1);
    index.upsertCi(ci('n2'), 1);
    index.addRelationship({ id: 'm1', typeId: 'member_of', sourceId: 'n1', targetId: 'cluster' }, 1);
    index.addRelationship({ id: 'm2', typeId: 'member_of', sourceId: 'n2', targetId: 'cluster' }, 1);
    expect(reach(index, q('n1'))).toEqual([]);
    expect(index.impact(q('n1')).redundancyHeld.map((h) => h.id)).toEqual(['cluster']);
    const builds = index.walkSnapshotBuilds;

    index.upsertCi(ci('n2', { status: 'non_operational' }), 2);
    expect(reach(index, q('n1'))).toEqual(['cluster']);
    index.retireCi('app', 2);
    expect(reach(index, q('db'))).toEqual([]);
    index.upsertCi(ci('app'), 3);
    expect(reach(index, q('db'))).toEqual(['app']);
    index.upsertCi(ci('late'), 1); // numbered after the build: an origin without relationships
    expect(index.impact(q('late'))).toMatchObject({ origins: ['late'], totalImpacted: 0 });
    expect(index.walkSnapshotBuilds).toBe(builds);
  });

  it("a group's counts kept between walks follow a change of its rule, a member's status or retirement", () => {
    const index = new ImpactIndex(TYPES);
    index.upsertCi(ci('cluster', { redundancy: { minAvailable: 1, minAvailablePercent: null } }), 1);
    for (const id of ['n1', 'n2', 'n3']) index.upsertCi(ci(id), 1);
    for (const id of ['n1', 'n2', 'n3']) index.addRelationship({ id: `m-${id}`, typeId: 'member_of', sourceId: id, targetId: 'cluster' }, 1);
    const reached = (): string[] => reach(index, q('n1'));
    expect(reached()).toEqual([]);
    index.upsertCi(ci('cluster', { redundancy: { minAvailable: 3, minAvailablePercent: null } }), 2);
    expect(reached()).toEqual(['cluster']);
    index.upsertCi(ci('cluster', { redundancy: { minAvailable: 2, minAvailablePercent: null } }), 3);
    expect(reached()).toEqual([]);
    index.upsertCi(ci('n2', { status: 'maintenance' }), 2);
    expect(reached()).toEqual(['cluster']);
    index.upsertCi(ci('n2'), 3);
    expect(reached()).toEqual([]);
    index.retireCi('n3', 2); // two members left, two required
    expect(reached()).toEqual(['cluster']);
    expect(index.walkSnapshotBuilds).toBe(1);
  });

  it('follows many changes after it was built: CIs numbered after it, rows that outgrow their room, removals', () => {
    const index = chain();
    reach(index, q('db'));
    for (let i = 0; i < 1500; i++) index.upsertCi(ci(`extra-${i}`), 1);
    expect(index.impact(q('extra-1499'))).toMatchObject({ origins: ['extra-1499'], totalImpacted: 0 });
    for (let i = 0; i < 1500; i++) index.addRelationship({ id: `x${i}`, typeId: 'runs_on', sourceId: `extra-${i}`, targetId: i % 2 === 0 ? 'db' : `extra-${i - 1}` }, 1);
    expect(index.impact(q('db')).totalImpacted).toBe(1 + 1500);
    for (let i = 0; i < 1500; i += 2) index.removeRelationship(`x${i}`, 2);
    expect(reach(index, q('db'))).toEqual(['app']);
    expect(index.impact(q('extra-0', { direction: 'upstream' })).totalImpacted).toBe(0);
    expect(reach(index, q('extra-0'))).toEqual(['extra-1']);
    expect(index.walkSnapshotBuilds).toBe(1);
  });
});
