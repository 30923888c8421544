/**
 * The generated CMDB of bench:cmdb: a deterministic (seeded) data-centre topology with the core
 * library's classes and relationship types, every relationship checked against the type's class
 * rules as it is generated (a violation throws: the generator is wrong, not the data model).
 *
 * Shape (for 100,000 CIs, 300,000 relationships; everything scales with the counts):
 *  - locations (data centres) `contains` every network device and server of theirs;
 *  - 4 core switches; distribution switches `connects_to` two cores; access switches `connects_to`
 *    two distribution switches of their site; servers `connects_to` one or two access switches;
 *  - 40% of the servers are hypervisors, `member_of` compute clusters of 4-12 hosts (redundancy:
 *    N+1 or N+2 as `redundancy_min_available`); the others stand alone;
 *  - VMs `hosted_on` a compute cluster (most) or a standalone server; 20% of them are Kubernetes
 *    workers, `member_of` Kubernetes clusters of 3-12 nodes (`redundancy_min_available_percent`);
 *  - containers `runs_on` a worker VM (and, among the extra edges, `member_of` its cluster);
 *  - databases `runs_on` a VM or a container; 30% are nodes of 2-3 node database clusters
 *    (`member_of`, one node may fail); some are fed by another database of their group of 8;
 *  - applications (three layers) `runs_on` 1-3 containers or 1-2 VMs, `depends_on` databases or
 *    database clusters and on applications of lower layers;
 *  - application services `depends_on` a block of applications (some on another application service),
 *    service offerings on application services, business services on offerings.
 * The base edges above come first; the remaining relationship budget is filled with more of the
 * same kinds (containers joining their cluster, application calls, replicas, database feeds, more
 * applications per service), so the count is exact.
 */
import { seededRandom } from '@itsm/testing';
import { CmdbDataModel, CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from '@itsm/cmdb';
import type { Attributes, AttributeValue } from '@itsm/cmdb';


export const TYPE_IDS = ['depends_on', 'runs_on', 'hosted_on', 'contains', 'connects_to', 'member_of'] as const;
export type TypeId = (typeof TYPE_IDS)[number];
const TYPE_INDEX = new Map<string, number>(TYPE_IDS.map((t, i) => [t, i]));

/** The types impact crosses from target to source: the only ones a `$graphLookup` can follow in one direction. */
export const TARGET_TO_SOURCE_TYPES: readonly string[] = CORE_RELATIONSHIP_TYPES.filter((t) => t.propagation === 'target_to_source' && !t.membership).map((t) => t.id);

export interface GeneratedCi {
  readonly id: string;
  readonly classId: string;
  readonly attributes: Attributes;
}

export interface GeneratedRelationships {
  /** Index into TYPE_IDS. */
  readonly type: Uint8Array;
  /** CI numbers (index into `cis`). */
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly count: number;
}

export interface Topology {
  readonly cis: readonly GeneratedCi[];
  readonly relationships: GeneratedRelationships;
  /** CI numbers by role, for query origins. */
  readonly cores: readonly number[];
  readonly businessServices: readonly number[];
  /** Standalone servers hosting at least one VM (a host failure that reaches services without a cluster in between). */
  readonly vmHosts: readonly number[];
  readonly classCounts: Readonly<Record<string, number>>;
  readonly typeCounts: Readonly<Record<string, number>>;
  /** Relationships of the base structure; the rest are the fill. */
  readonly baseRelationships: number;
}

const CITIES: readonly (readonly [string, string, string])[] = [
  ['Berlin', 'Germany', 'Europe/Berlin'],
  ['Frankfurt', 'Germany', 'Europe/Berlin'],
  ['Amsterdam', 'Netherlands', 'Europe/Amsterdam'],
  ['London', 'United Kingdom', 'Europe/London'],
  ['Paris', 'France', 'Europe/Paris'],
  ['New York', 'USA', 'America/New_York'],
  ['Chicago', 'USA', 'America/Chicago'],
  ['Dallas', 'USA', 'America/Chicago'],
  ['San Jose', 'USA', 'America/Los_Angeles'],
  ['Toronto', 'Canada', 'America/Toronto'],
  ['Sao Paulo', 'Brazil', 'America/Sao_Paulo'],
  ['Tokyo', 'Japan', 'Asia/Tokyo'],
  ['Singapore', 'Singapore', 'Asia/Singapore'],
  ['Sydney', 'Australia', 'Australia/Sydney'],
  ['Mumbai', 'India', 'Asia/Kolkata'],
];
const OS_SERVER = ['Red Hat Enterprise Linux 9.4', 'Ubuntu 22.04 LTS', 'VMware ESXi 8.0', 'Windows Server 2022', 'SUSE Linux Enterprise 15'];
const OS_VM = ['Red Hat Enterprise Linux 9.4', 'Ubuntu 22.04 LTS', 'Ubuntu 24.04 LTS', 'Windows Server 2022', 'Debian 12'];
const ENGINES = ['postgresql', 'mysql', 'oracle', 'sql_server', 'mongodb'] as const;
const ENGINE_PORT: Record<string, number> = { postgresql: 5432, mysql: 3306, oracle: 1521, sql_server: 1433, mongodb: 27017 };
const VENDORS = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Wide World Importers', 'In-house'];
const CRITICALITY = ['critical', 'high', 'medium', 'low'] as const;
const LEVELS = ['gold', 'silver', 'bronze'] as const;
const BASE_AT = '2025-06-01T08:00:00.000Z';

/** When the generated CMDB was imported: every CI and relationship carries it (deterministic). */
export const IMPORTED_AT = BASE_AT;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
const ip = (first: number, n: number): string => `${first}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

export interface TopologyCounts {
  readonly locations: number;
  readonly cores: number;
  readonly distribution: number;
  readonly access: number;
  readonly servers: number;
  readonly vms: number;
  readonly containers: number;
  readonly databases: number;
  readonly applicationServices: number;
  readonly offerings: number;
  readonly businessServices: number;
}

export function plannedCounts(cis: number): TopologyCounts {
  return {
    locations: Math.min(200, Math.max(2, Math.round(cis / 5_000))),
    cores: cis >= 2_000 ? 4 : 2,
    distribution: Math.max(4, Math.round(cis / 2_500)),
    access: Math.max(4, Math.round(cis / 200)),
    servers: Math.round(cis * 0.12),
    vms: Math.round(cis * 0.25),
    containers: Math.round(cis * 0.22),
    databases: Math.round(cis * 0.05),
    applicationServices: Math.round(cis * 0.04),
    offerings: Math.max(2, Math.round(cis * 0.012)),
    businessServices: Math.max(2, Math.round(cis * 0.004)),
  };
}

/** Splits `items` (in order) into groups of `min`..`max` (the last group may be smaller than min; merged into the previous one). */
function groups<T>(items: readonly T[], min: number, max: number, random: () => number): T[][] {
  const out: T[][] = [];
  let i = 0;
  while (i < items.length) {
    const size = min + Math.floor(random() * (max - min + 1));
    out.push(items.slice(i, i + size));
    i += size;
  }
  const last = out[out.length - 1];
  if (out.length > 1 && last !== undefined && last.length < min) {
    out.pop();
    (out[out.length - 1] as T[]).push(...last);
  }
  return out;
}

/** `count` blocks covering `items` in order, sizes as even as possible (every item in exactly one block). */
function blocks<T>(items: readonly T[], count: number): T[][] {
  const out: T[][] = [];
  for (let b = 0; b < count; b += 1) out.push(items.slice(Math.floor((b * items.length) / count), Math.floor(((b + 1) * items.length) / count)));
  return out;
}

export function generateTopology(ciCount: number, relationshipCount: number, seed: number): Topology {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('generator: pick from an empty list');
    return items[Math.floor(random() * items.length)] as T;
  };
  const chance = (p: number): boolean => random() < p;
  const dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);
  const planned = plannedCounts(ciCount);

  // ---------------------------------------------------------------- CIs
  const cis: GeneratedCi[] = [];
  const classCounts: Record<string, number> = {};
  const idPrefix = hex8(0x6650_0000 + (seed & 0xffff));
  const ci = (classId: string, attributes: Record<string, AttributeValue>): number => {
    const n = cis.length;
    // ObjectId layout: 4 bytes "time", 4 random bytes, 4 bytes counter: unique by construction.
    cis.push({ id: `${idPrefix}${hex8(random() * 0x1_0000_0000)}${hex8(n)}`, classId, attributes });
    classCounts[classId] = (classCounts[classId] ?? 0) + 1;
    return n;
  };
  const status = (): Record<string, AttributeValue> => {
    const r = random();
    return r < 0.006 ? { operational_status: 'maintenance' } : r < 0.01 ? { operational_status: 'non_operational' } : r < 0.03 ? { operational_status: 'degraded' } : {};
  };

  const locations: number[] = [];
  for (let l = 0; l < planned.locations; l += 1) {
    const [city, country, zone] = CITIES[l % CITIES.length] as readonly [string, string, string];
    const code = `${city.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase()}${pad(l + 1, 2)}`;
    locations.push(ci('location', { name: `${city} DC ${pad(l + 1, 2)}`, site_code: code, time_zone: zone, country, city, address: `${1 + l} Datacenter Way, ${city}` }));
  }
  const siteOf = new Map<number, number>();
  const network = (name: string, role: string, serial: string, address: string, location: number): number => {
    const n = ci('network_device', { name, device_role: role, serial_number: serial, ip_address: address, manufacturer: 'Northwind Networks', model: `NX-${role.toUpperCase()}-9000`, port_count: role === 'access' ? 48 : 64, environment: 'production', ...status() });
    siteOf.set(n, location);
    return n;
  };
  const cores: number[] = [];
  for (let c = 0; c < planned.cores; c += 1) cores.push(network(`core-sw-${pad(c + 1, 2)}`, 'core', `NW-CORE-${pad(c + 1, 6)}`, ip(10, c + 1), locations[c % locations.length] as number));
  const distByLoc: number[][] = locations.map(() => []);
  const distribution: number[] = [];
  for (let d = 0; d < planned.distribution; d += 1) {
    const l = d % locations.length;
    const n = network(`dist-sw-${pad(d + 1, 4)}`, 'distribution', `NW-DIST-${pad(d + 1, 6)}`, ip(10, 0x1_00 + d), locations[l] as number);
    distByLoc[l]?.push(n);
    distribution.push(n);
  }
  const accessByLoc: number[][] = locations.map(() => []);
  const access: number[] = [];
  for (let a = 0; a < planned.access; a += 1) {
    const l = a % locations.length;
    const n = network(`acc-sw-${pad(a + 1, 5)}`, 'access', `NW-ACC-${pad(a + 1, 6)}`, ip(10, 0x1_0000 + a), locations[l] as number);
    accessByLoc[l]?.push(n);
    access.push(n);
  }

  const servers: number[] = [];
  const hypervisorsByLoc: number[][] = locations.map(() => []);
  const standalone: number[] = [];
  for (let s = 0; s < planned.servers; s += 1) {
    const l = s % locations.length;
    const name = `srv-${pad(l + 1, 2)}-${pad(s + 1, 6)}`;
    const hypervisor = chance(0.4);
    const n = ci('server', {
      name,
      serial_number: `SRV${pad(s + 1, 9)}`,
      fqdn: `${name}.dc.example.net`,
      ip_address: ip(11, s + 1),
      os: hypervisor ? 'VMware ESXi 8.0' : pick(OS_SERVER),
      cpu_count: pick([16, 32, 64, 96]),
      memory_gb: pick([128, 256, 512, 1024]),
      manufacturer: pick(['Contoso Systems', 'Fabrikam Hardware', 'Litware']),
      model: pick(['R760', 'DL380 Gen11', 'SR650 V3']),
      environment: chance(0.85) ? 'production' : pick(['staging', 'test', 'development']),
      ...status(),
    });
    siteOf.set(n, locations[l] as number);
    servers.push(n);
    if (hypervisor) hypervisorsByLoc[l]?.push(n);
    else standalone.push(n);
  }

  // Compute clusters: hypervisors of a site in groups of 4-12, N+1 (N+2 from 8 hosts).
  const computeClusters: { id: number; members: number[] }[] = [];
  for (const [l, hosts] of hypervisorsByLoc.entries()) {
    for (const members of groups(hosts, 4, 12, random)) {
      const id = ci('cluster', { name: `esx-${pad(l + 1, 2)}-${pad(computeClusters.length + 1, 4)}`, cluster_type: 'compute', redundancy_min_available: Math.max(1, members.length - (members.length >= 8 ? 2 : 1)), environment: 'production' });
      computeClusters.push({ id, members });
    }
  }
  if (computeClusters.length === 0) throw new Error('generator: too few servers for a compute cluster; raise CMDB_BENCH_CIS');

  const vms: number[] = [];
  const workers: number[] = [];
  const generalVms: number[] = [];
  for (let v = 0; v < planned.vms; v += 1) {
    const name = `vm-${pad(v + 1, 7)}`;
    const worker = chance(0.2);
    const n = ci('virtual_machine', {
      name,
      vm_uuid: `4210${hex8(random() * 0x1_0000_0000).slice(4)}-${hex8(random() * 0x1_0000_0000).slice(0, 4)}-${hex8(v).slice(0, 4)}-${hex8(v)}${hex8(seed).slice(0, 4)}`,
      fqdn: `${name}.vm.example.net`,
      ip_address: ip(12, v + 1),
      os: worker ? 'Ubuntu 22.04 LTS' : pick(OS_VM),
      cpu_count: pick([2, 4, 8, 16]),
      memory_gb: pick([4, 8, 16, 32, 64]),
      environment: chance(0.8) ? 'production' : pick(['staging', 'test', 'development']),
      ...status(),
    });
    vms.push(n);
    if (worker) workers.push(n);
    else generalVms.push(n);
  }
  // Kubernetes clusters: worker VMs in groups of 3-12, needing 60-80% of their nodes.
  const k8sClusters: { id: number; members: number[]; containers: number[] }[] = [];
  for (const members of groups(workers, 3, 12, random)) {
    const id = ci('cluster', { name: `k8s-${pad(k8sClusters.length + 1, 4)}`, cluster_type: 'kubernetes', redundancy_min_available_percent: pick([60, 67, 75, 80]), environment: 'production' });
    k8sClusters.push({ id, members, containers: [] });
  }
  if (k8sClusters.length === 0) throw new Error('generator: too few VMs for a Kubernetes cluster; raise CMDB_BENCH_CIS');

  const containers: number[] = [];
  const clusterOfContainer = new Map<number, (typeof k8sClusters)[number]>();
  for (let c = 0; c < planned.containers; c += 1) {
    const cluster = pick(k8sClusters);
    const team = 1 + Math.floor(random() * 60);
    const n = ci('container', { name: `pod-${pad(c + 1, 7)}`, container_id: `${hex8(random() * 0x1_0000_0000)}${hex8(c)}${hex8(random() * 0x1_0000_0000)}`, image: `registry.example.net/team-${team}/svc-${Math.floor(random() * 400)}:1.${Math.floor(random() * 30)}` });
    containers.push(n);
    cluster.containers.push(n);
    clusterOfContainer.set(n, cluster);
  }

  const databases: number[] = [];
  for (let d = 0; d < planned.databases; d += 1) {
    const engine = pick(ENGINES);
    databases.push(ci('database', { name: `db-${engine}-${pad(d + 1, 6)}`, engine, version: pick(['12', '14', '16', '8.0', '19c', '2022', '7.0']), port: ENGINE_PORT[engine] ?? 5432, environment: 'production', ...status() }));
  }
  // 30% of the databases are nodes of 2-3 node clusters that survive one node down.
  const clusteredDbs = databases.filter(() => chance(0.3));
  const dbClusters: { id: number; members: number[] }[] = [];
  const dbClusterOf = new Map<number, number>();
  for (const members of groups(clusteredDbs, 2, 3, random)) {
    const id = ci('cluster', { name: `dbc-${pad(dbClusters.length + 1, 5)}`, cluster_type: 'database', redundancy_min_available: members.length - 1, environment: 'production' });
    dbClusters.push({ id, members });
    for (const m of members) dbClusterOf.set(m, id);
  }

  const applicationServices: number[] = [];
  for (let s = 0; s < planned.applicationServices; s += 1) {
    applicationServices.push(ci('application_service', { name: `Application service ${pad(s + 1, 6)}`, version: `${1 + Math.floor(random() * 5)}.${Math.floor(random() * 10)}`, criticality: pick(CRITICALITY), owner_group: `team-${1 + Math.floor(random() * 60)}` }));
  }
  const offerings: number[] = [];
  for (let o = 0; o < planned.offerings; o += 1) {
    const level = pick(LEVELS);
    offerings.push(ci('service_offering', { name: `Offering ${pad(o + 1, 5)} - ${level}`, service_level: level, criticality: pick(CRITICALITY) }));
  }
  const businessServices: number[] = [];
  for (let b = 0; b < planned.businessServices; b += 1) {
    businessServices.push(ci('business_service', { name: `Business service ${pad(b + 1, 4)}`, criticality: pick(CRITICALITY), service_owner: `u-owner-${1 + (b % 97)}` }));
  }

  const appCount = ciCount - cis.length;
  if (appCount < planned.applicationServices) throw new Error(`generator: ${ciCount} CIs leave ${appCount} applications for ${planned.applicationServices} application services; raise CMDB_BENCH_CIS`);
  const applications: number[] = [];
  const layerOf = new Map<number, number>();
  const appsByLayer: number[][] = [[], [], []];
  for (let a = 0; a < appCount; a += 1) {
    const n = ci('application', { name: `app-${pad(a + 1, 7)}`, vendor: pick(VENDORS), version: `${1 + Math.floor(random() * 9)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`, owner_group: `team-${1 + Math.floor(random() * 60)}`, environment: 'production' });
    applications.push(n);
    const layer = a % 3;
    layerOf.set(n, layer);
    appsByLayer[layer]?.push(n);
  }
  if (cis.length !== ciCount) throw new Error(`generator: ${cis.length} CIs generated, ${ciCount} asked`);

  // ---------------------------------------------------------------- relationships
  const type = new Uint8Array(relationshipCount);
  const source = new Int32Array(relationshipCount);
  const target = new Int32Array(relationshipCount);
  let count = 0;
  const seen = new Set<number>();
  const typeCounts: Record<string, number> = {};
  const admitted = new Set<string>();
  const check = (typeId: TypeId, s: number, t: number): void => {
    const sc = (cis[s] as GeneratedCi).classId;
    const tc = (cis[t] as GeneratedCi).classId;
    const key = `${typeId}|${sc}|${tc}`;
    if (admitted.has(key)) return;
    // Throws CMDB.FORBIDDEN_RELATIONSHIP: a generator bug, loudly.
    dataModel.checkRelationship(typeId, sc, tc);
    admitted.add(key);
  };
  /** Adds the relationship unless it exists (same type, ends); answers whether it was added. */
  const rel = (typeId: TypeId, s: number, t: number): boolean => {
    if (s === t) return false;
    const ti = TYPE_INDEX.get(typeId) as number;
    const key = (s * ciCount + t) * 8 + ti;
    if (seen.has(key)) return false;
    check(typeId, s, t);
    if (count >= relationshipCount) {
      throw new Error(`generator: the base structure of ${ciCount} CIs needs more than CMDB_BENCH_RELATIONSHIPS=${relationshipCount} relationships (about ${Math.ceil(ciCount * 2.3)})`);
    }
    seen.add(key);
    type[count] = ti;
    source[count] = s;
    target[count] = t;
    count += 1;
    typeCounts[typeId] = (typeCounts[typeId] ?? 0) + 1;
    return true;
  };

  for (const [n, location] of siteOf) rel('contains', location, n);
  for (const [d, n] of distribution.entries()) {
    rel('connects_to', n, cores[d % cores.length] as number);
    rel('connects_to', n, cores[(d + 1) % cores.length] as number);
  }
  for (const [l, switches] of accessByLoc.entries()) {
    const dists = distByLoc[l] as number[];
    for (const [i, n] of switches.entries()) {
      rel('connects_to', n, dists[i % dists.length] as number);
      if (dists.length > 1) rel('connects_to', n, dists[(i + 1) % dists.length] as number);
    }
  }
  for (const [s, n] of servers.entries()) {
    const switches = accessByLoc[s % locations.length] as number[];
    const first = Math.floor(random() * switches.length);
    rel('connects_to', n, switches[first] as number);
    if (switches.length > 1 && chance(0.5)) rel('connects_to', n, switches[(first + 1) % switches.length] as number);
  }
  for (const cluster of computeClusters) for (const m of cluster.members) rel('member_of', m, cluster.id);
  const hostedOnServer = new Map<number, number>();
  for (const cluster of k8sClusters) {
    for (const m of cluster.members) {
      rel('hosted_on', m, pick(computeClusters).id);
      rel('member_of', m, cluster.id);
    }
  }
  for (const v of generalVms) {
    if (chance(0.7) || standalone.length === 0) rel('hosted_on', v, pick(computeClusters).id);
    else {
      const host = pick(standalone);
      rel('hosted_on', v, host);
      hostedOnServer.set(host, (hostedOnServer.get(host) ?? 0) + 1);
    }
  }
  for (const c of containers) rel('runs_on', c, pick((clusterOfContainer.get(c) as (typeof k8sClusters)[number]).members));
  for (const d of databases) {
    if (chance(0.85)) rel('runs_on', d, pick(generalVms));
    else rel('runs_on', d, pick(containers));
    const cluster = dbClusterOf.get(d);
    if (cluster !== undefined) rel('member_of', d, cluster);
  }
  const dbTarget = (): number => {
    if (dbClusters.length > 0 && chance(0.2)) return pick(dbClusters).id;
    const d = pick(databases);
    return dbClusterOf.get(d) ?? d;
  };
  const lowerApp = (app: number): number | undefined => {
    const layer = layerOf.get(app) ?? 0;
    if (layer === 0) return undefined;
    const lower = appsByLayer[Math.floor(random() * layer)] as number[];
    return lower.length ? pick(lower) : undefined;
  };
  const appRuntime = new Map<number, (typeof k8sClusters)[number] | null>();
  const withContainers = k8sClusters.filter((k) => k.containers.length > 0);
  for (const a of applications) {
    if (withContainers.length > 0 && chance(0.5)) {
      const cluster = pick(withContainers);
      appRuntime.set(a, cluster);
      const replicas = 1 + Math.floor(random() * 3);
      for (let r = 0; r < replicas; r += 1) rel('runs_on', a, pick(cluster.containers));
    } else {
      appRuntime.set(a, null);
      const instances = 1 + Math.floor(random() * 2);
      for (let r = 0; r < instances; r += 1) rel('runs_on', a, pick(generalVms));
    }
    if (chance(0.7)) {
      const deps = 1 + Math.floor(random() * 2);
      for (let k = 0; k < deps; k += 1) rel('depends_on', a, dbTarget());
    }
    const calls = Math.floor(random() * 3);
    for (let k = 0; k < calls; k += 1) {
      const other = lowerApp(a);
      if (other !== undefined) rel('depends_on', a, other);
    }
  }
  // Every application belongs to an application service, every service to an offering, every offering to a business service.
  const shuffledApps = [...applications];
  for (let i = shuffledApps.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [shuffledApps[i], shuffledApps[j]] = [shuffledApps[j] as number, shuffledApps[i] as number];
  }
  for (const [s, block] of blocks(shuffledApps, applicationServices.length).entries()) {
    const svc = applicationServices[s] as number;
    for (const a of block) rel('depends_on', svc, a);
    if (s > 0 && chance(0.05)) rel('depends_on', svc, applicationServices[Math.floor(random() * s)] as number);
  }
  for (const [o, block] of blocks(applicationServices, offerings.length).entries()) for (const s of block) rel('depends_on', offerings[o] as number, s);
  for (const [b, block] of blocks(offerings, businessServices.length).entries()) {
    const bs = businessServices[b] as number;
    for (const o of block) rel('depends_on', bs, o);
    if (chance(0.1)) rel('depends_on', bs, pick(offerings));
  }
  const baseRelationships = count;

  // The fill: more of the same kinds until the relationship count is exact.
  const joinable = containers;
  let joined = 0;
  const kinds: { weight: number; add: () => boolean }[] = [
    {
      weight: 35,
      add: () => {
        // A container joins its Kubernetes cluster (once each).
        while (joined < joinable.length) {
          const c = joinable[joined++] as number;
          if (rel('member_of', c, (clusterOfContainer.get(c) as (typeof k8sClusters)[number]).id)) return true;
        }
        return false;
      },
    },
    {
      weight: 25,
      add: () => {
        const a = pick(applications);
        const other = lowerApp(a);
        return other !== undefined && rel('depends_on', a, other);
      },
    },
    {
      weight: 20,
      add: () => {
        const a = pick(applications);
        const cluster = appRuntime.get(a);
        return cluster ? rel('runs_on', a, pick(cluster.containers)) : rel('runs_on', a, pick(generalVms));
      },
    },
    {
      weight: 10,
      add: () => {
        // A database fed by another of its small group (replication, ETL): bounded chains, no giant component.
        const i = Math.floor(random() * databases.length);
        const group = i - (i % 8);
        return i > group && rel('depends_on', databases[i] as number, databases[group + Math.floor(random() * (i - group))] as number);
      },
    },
    { weight: 10, add: () => rel('depends_on', pick(applicationServices), pick(applications)) },
  ];
  let stalls = 0;
  while (count < relationshipCount) {
    const total = kinds.reduce((sum, k) => sum + k.weight, 0);
    if (total === 0) throw new Error(`generator: cannot place more than ${count} distinct relationships among ${ciCount} CIs`);
    let r = random() * total;
    const kind = kinds.find((k) => (r -= k.weight) < 0) ?? (kinds[kinds.length - 1] as (typeof kinds)[number]);
    if (kind.add()) stalls = 0;
    else if (kind === kinds[0] && joined >= joinable.length) kind.weight = 0;
    else if (++stalls > 10_000) throw new Error(`generator: stuck at ${count} relationships`);
  }

  const vmHosts = standalone.filter((s) => (hostedOnServer.get(s) ?? 0) > 0);
  return { cis, relationships: { type, source, target, count }, cores, businessServices, vmHosts, classCounts, typeCounts, baseRelationships };
}
