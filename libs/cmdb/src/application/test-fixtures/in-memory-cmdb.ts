import type { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import { CmdbDataModel, CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from '../../domain';
import type { Attributes, ConfigurationItem, Relationship } from '../../domain';
import type { DiscoverySourceChange } from '../commands/save-discovery-source/save-discovery-source.command';
import type { ClaimOutcome, CiStore, CmdbEvent, IdentityClaimStore, RelationshipReader, RelationshipStore } from '../../persistence';
import { CiMergeService } from '../ci-merge.service';
import type { DataModelReader } from '../cmdb-data-model.service';
import type { IndexableCi, IndexWriter } from '../cmdb-index.service';
import { AddRelationshipHandler } from '../commands/add-relationship/add-relationship.handler';
import { RemoveRelationshipHandler } from '../commands/remove-relationship/remove-relationship.handler';
import { ReportDiscoveredCiCommand } from '../commands/report-discovered-ci/report-discovered-ci.command';
import { ReportDiscoveredCiHandler } from '../commands/report-discovered-ci/report-discovered-ci.handler';
import { RetireCiHandler } from '../commands/retire-ci/retire-ci.handler';
import { UpdateCiHandler } from '../commands/update-ci/update-ci.handler';
import { IdentityService } from '../identity.service';

/** One committed write of a fake store: the state written and the events that came with it. */
export interface Write<A> {
  readonly aggregate: A;
  readonly events: readonly CmdbEvent[];
}

/**
 * Aggregates by id with an optimistic version, as the platform repository keeps them: a save
 * whose loaded version is stale is PERSISTENCE.CONFLICT; every committed write is recorded.
 */
class InMemoryAggregates<A extends { readonly id: string; readonly sequence: number }> {
  readonly writes: Write<A>[] = [];
  private readonly rows = new Map<string, { aggregate: A; version: number }>();
  private interference: (() => void) | undefined;

  get(id: string): A | undefined {
    return this.rows.get(id)?.aggregate;
  }

  all(): A[] {
    return [...this.rows.values()].map((row) => row.aggregate);
  }

  /** Another writer's change, stored at once (not one of the writes under test). */
  put(aggregate: A): void {
    const row = this.rows.get(aggregate.id);
    this.rows.set(aggregate.id, { aggregate, version: (row?.version ?? 0) + 1 });
  }

  /** Runs `writer` just before the next save reaches the store: that save then loses the race. */
  beforeNextSave(writer: () => void): void {
    this.interference = writer;
  }

  load(id: string): Promise<Loaded<A> | undefined> {
    const row = this.rows.get(id);
    if (row === undefined) return Promise.resolve(undefined);
    return Promise.resolve({ id: new Types.ObjectId(id), aggregate: row.aggregate, version: row.version, unpublished: [], hasApplied: () => false });
  }

  save(loaded: Loaded<A>, aggregate: A, events: readonly CmdbEvent[]): Promise<SaveResult> {
    const interference = this.interference;
    this.interference = undefined;
    interference?.();
    const row = this.rows.get(aggregate.id);
    if (row === undefined) return Promise.reject(new PersistenceError(PersistenceErrorCode.NotFound, `no ${aggregate.id}`));
    if (row.version !== loaded.version) return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, `${aggregate.id} changed since version ${loaded.version}`));
    const stored = { ...aggregate, sequence: loaded.aggregate.sequence + events.length };
    this.rows.set(aggregate.id, { aggregate: stored, version: row.version + 1 });
    this.writes.push({ aggregate: stored, events });
    return Promise.resolve({ status: 'saved', version: row.version + 1 });
  }

  create(aggregate: A, events: readonly CmdbEvent[]): Promise<SaveResult> {
    if (this.rows.has(aggregate.id)) return Promise.reject(new PersistenceError(PersistenceErrorCode.AlreadyExists, `${aggregate.id} exists`));
    const stored = { ...aggregate, sequence: events.length };
    this.rows.set(aggregate.id, { aggregate: stored, version: 1 });
    this.writes.push({ aggregate: stored, events });
    return Promise.resolve({ status: 'saved', version: 1 });
  }
}

export class InMemoryCiStore extends InMemoryAggregates<ConfigurationItem> implements CiStore {}

export class InMemoryRelationshipStore extends InMemoryAggregates<Relationship> implements RelationshipStore, RelationshipReader {
  activeOf(ciId: string): Promise<Relationship[]> {
    return Promise.resolve(this.all().filter((r) => r.state === 'active' && (r.sourceId === ciId || r.targetId === ciId)));
  }
}

export class InMemoryClaimStore implements IdentityClaimStore {
  readonly claims = new Map<string, { ciId: string; claimedAt: Date }>();

  claim(key: string, ciId: string, at: Date): Promise<ClaimOutcome> {
    const owner = this.claims.get(key);
    if (owner !== undefined) return Promise.resolve({ claimed: false, ownerId: owner.ciId });
    this.claims.set(key, { ciId, claimedAt: at });
    return Promise.resolve({ claimed: true });
  }

  find(key: string): Promise<{ ciId: string; claimedAt: Date } | undefined> {
    return Promise.resolve(this.claims.get(key));
  }

  release(key: string, ciId: string): Promise<void> {
    if (this.claims.get(key)?.ciId === ciId) this.claims.delete(key);
    return Promise.resolve();
  }

  forEach(batch: (items: { key: string; ciId: string }[]) => void): Promise<number> {
    const items = [...this.claims].map(([key, claim]) => ({ key, ciId: claim.ciId }));
    batch(items);
    return Promise.resolve(items.length);
  }
}

/** What the handlers told the index, in order. */
export class RecordingIndex implements IndexWriter {
  readonly cis: IndexableCi[] = [];
  readonly relationships: Relationship[] = [];

  applyCi(ci: IndexableCi): void {
    this.cis.push(ci);
  }

  applyRelationship(relationship: Relationship): void {
    this.relationships.push(relationship);
  }
}

/** The data model in force, fixed (no reload on a miss). */
export function fixedDataModel(dataModel: CmdbDataModel): DataModelReader {
  return { current: () => dataModel, withDataModel: async (use) => use(dataModel) };
}

/** A clock that says `at` until moved. */
export class TestClock implements Clock {
  constructor(private at: Date) {}

  now(): Date {
    return new Date(this.at.getTime());
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** The core library plus these discovery sources. */
export function dataModelWith(...sources: readonly DiscoverySourceChange[]): CmdbDataModel {
  return new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, [...CORE_SOURCES, ...sources.map((s) => ({ ...s, verificationKeys: s.verificationKeys ?? [], builtIn: false, version: 1 }))]);
}

/** The stores every replica of a test CMDB shares. */
export interface InMemoryStores {
  readonly cis: InMemoryCiStore;
  readonly relationships: InMemoryRelationshipStore;
  readonly claims: InMemoryClaimStore;
}

/** One replica's write side over the shared stores (its own identity cache and index), wired as CmdbModule wires it. */
function replicaOver(stores: InMemoryStores, dataModel: CmdbDataModel, clock: TestClock) {
  const { cis, relationships, claims } = stores;
  const index = new RecordingIndex();
  const dataModelReader = fixedDataModel(dataModel);
  const identity = new IdentityService(claims, cis, clock);
  const merger = new CiMergeService(cis, dataModelReader, identity, index);
  const addRelationship = new AddRelationshipHandler(cis, relationships, dataModelReader, index, clock);
  const removeRelationship = new RemoveRelationshipHandler(relationships, index, clock);
  return {
    index,
    addRelationship,
    removeRelationship,
    reportDiscoveredCi: new ReportDiscoveredCiHandler(cis, dataModelReader, identity, merger, addRelationship, index),
    updateCi: new UpdateCiHandler(cis, dataModelReader, merger, clock),
    retireCi: new RetireCiHandler(cis, relationships, removeRelationship, index, clock),
  };
}

/** A test CMDB: in-memory stores, a clock that stands still, one replica; `replica()` adds another on the same stores. */
export function inMemoryCmdb(dataModel: CmdbDataModel = dataModelWith(), start = new Date('2031-03-04T05:06:07.000Z')) {
  const stores: InMemoryStores = { cis: new InMemoryCiStore(), relationships: new InMemoryRelationshipStore(), claims: new InMemoryClaimStore() };
  const clock = new TestClock(start);
  return {
    ...stores,
    clock,
    ...replicaOver(stores, dataModel, clock),
    replica: () => replicaOver(stores, dataModel, clock),
    /** A CI reported by the `import` source (or `source`), as the feed would. */
    discovered: async (classId: string, attributes: Attributes, source = 'import'): Promise<ConfigurationItem> => {
      const command = new ReportDiscoveredCiCommand({ source, classId, attributes, relationships: [], by: 'loader', at: clock.now().toISOString() });
      return (await replicaOver(stores, dataModel, clock).reportDiscoveredCi.execute(command)).ci;
    },
  };
}

export type InMemoryCmdb = ReturnType<typeof inMemoryCmdb>;
