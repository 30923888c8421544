import type { EventEnvelope } from '@itsm/contracts';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { LinkableChange, UnauthorisedChange, UnauthorisedChangeEvent } from '../../domain';
import type { ChangeLookups, UnauthorisedChangeFilter, UnauthorisedChangePage, UnauthorisedChangeReads, UnauthorisedChangeStore } from '../ports/unauthorised-change-store.port';

interface Stored {
  readonly record: UnauthorisedChange;
  readonly version: number;
  readonly consumed: string | null;
}

/** Unauthorised-change records in memory, with the repository's rules (one record per consumed event; optimistic versions). */
export class InMemoryUnauthorisedChanges implements UnauthorisedChangeStore, UnauthorisedChangeReads {
  readonly records = new Map<string, Stored>();
  readonly events: UnauthorisedChangeEvent[] = [];

  load(id: string): Promise<Loaded<UnauthorisedChange> | undefined> {
    const stored = this.records.get(id);
    if (stored === undefined) return Promise.resolve(undefined);
    return Promise.resolve({ id: new Types.ObjectId(), aggregate: stored.record, version: stored.version, unpublished: [], hasApplied: () => false });
  }

  create(record: UnauthorisedChange, events: readonly UnauthorisedChangeEvent[], consumed: EventEnvelope): Promise<SaveResult> {
    const stored = this.records.get(record.id);
    if (stored !== undefined) {
      if (stored.consumed === `${consumed.source}|${consumed.subject}|${consumed.sequence}`) return Promise.resolve({ status: 'duplicate' });
      return Promise.reject(new PersistenceError(PersistenceErrorCode.AlreadyExists, `record ${record.id} exists`));
    }
    this.records.set(record.id, { record, version: 1, consumed: `${consumed.source}|${consumed.subject}|${consumed.sequence}` });
    this.events.push(...events);
    return Promise.resolve({ status: 'saved', version: 1 });
  }

  save(loaded: Loaded<UnauthorisedChange>, record: UnauthorisedChange, events: readonly UnauthorisedChangeEvent[]): Promise<SaveResult> {
    const stored = this.records.get(record.id);
    if (stored === undefined || stored.version !== loaded.version) return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, `record ${record.id} changed`));
    this.records.set(record.id, { ...stored, record, version: stored.version + 1 });
    this.events.push(...events);
    return Promise.resolve({ status: 'saved', version: stored.version + 1 });
  }

  byId(id: string): Promise<UnauthorisedChange | undefined> {
    return Promise.resolve(this.records.get(id)?.record);
  }

  list(filter: UnauthorisedChangeFilter, first: number, after: string | undefined): Promise<UnauthorisedChangePage> {
    const matching = [...this.records.values()]
      .map((s) => s.record)
      .filter((r) => (filter.statuses === undefined || filter.statuses.includes(r.status)) && (filter.ciId === undefined || r.ciId === filter.ciId) && (after === undefined || r.id < after))
      .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return Promise.resolve({ items: matching.slice(0, first), hasNextPage: matching.length > first });
  }
}

/** The change store as detection and linking read it: changes set by the test. */
export class FakeChangeLookups implements ChangeLookups {
  readonly changes = new Map<string, LinkableChange & { readonly state: string }>();

  add(change: LinkableChange & { readonly state: string }): this {
    this.changes.set(change.id, change);
    return this;
  }

  implementingOn(ciId: string): Promise<readonly string[]> {
    const ids = [...this.changes.values()].filter((c) => c.state === 'implement' && (c.configurationItemIds.includes(ciId) || c.serviceIds.includes(ciId))).map((c) => c.id);
    return Promise.resolve(ids);
  }

  linkable(id: string): Promise<LinkableChange | undefined> {
    return Promise.resolve(this.changes.get(id));
  }
}

/** An open record `uc-1` of CI `ci-1` (discovered by `sccm`), stored as detection stores it. */
export async function withOpenRecord(records: InMemoryUnauthorisedChanges, detectedAt: Date): Promise<UnauthorisedChange> {
  const record: UnauthorisedChange = {
    id: 'uc-1',
    ciId: 'ci-1',
    ciName: 'web-1',
    classId: 'server',
    source: 'sccm',
    changes: [{ attribute: 'os', old: 'a', new: 'b' }],
    discoveredBy: 'sccm-job',
    detectedAt,
    status: 'open',
    note: null,
    changeId: null,
    resolvedBy: null,
    resolvedAt: null,
  };
  await records.create(record, [], { id: 'e-1', source: '/itsm/cmdb', subject: 'ci-1', sequence: 2 } as EventEnvelope);
  return record;
}
