import { applyOnceInMemory } from '../in-memory-inbox';
import type { InMemoryRecord } from '../in-memory-inbox';
import { ciIdsByName, CmdbProjection } from './cmdb-projection';
import type { AppliedCmdbEvent } from './cmdb-projection';
import { cmdbChange } from './cmdb-record-change';
import type { CmdbCiChange, CmdbEvent, ProjectedCi } from './cmdb-record-change';

/**
 * The CMDB projection in memory, with MongoCmdbProjection's rules (the latest sequence per stream
 * wins; retired CIs flagged, their attributes kept): the fake contexts' unit tests run against.
 */
export class InMemoryCmdbProjection extends CmdbProjection {
  private readonly records = new Map<string, InMemoryRecord<ProjectedCi>>();

  /** Applies events as a consumer does (an event keyed by another record throws; relationships are not kept). */
  async feed(...events: CmdbEvent[]): Promise<this> {
    for (const event of events) {
      const change = cmdbChange(event, (message) => new Error(message));
      if (change.kind !== 'relationship') await this.apply(change, event);
    }
    return this;
  }

  /** A CI known as given, with no event behind it (for handler tests that need facts, not a stream). */
  seed(ci: ProjectedCi): ProjectedCi {
    this.records.set(ci.id, { value: ci, applied: new Map() });
    return ci;
  }

  apply(change: CmdbCiChange, event: AppliedCmdbEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'ci':
        return applyOnceInMemory(this.records, change.ci.id, event, () => change.ci);
      case 'ci-retired':
        return applyOnceInMemory(this.records, change.ciId, event, (ci) => ({ id: change.ciId, name: change.name, classId: change.classId, service: change.service, retired: true, attributes: ci?.attributes ?? {} }));
    }
  }

  cis(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedCi>> {
    return Promise.resolve(new Map(ids.flatMap((id) => {
      const ci = this.records.get(id)?.value;
      return ci === undefined ? [] : [[id, ci] as const];
    })));
  }

  idsByName(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const live = [...this.records.values()].map((r) => r.value).filter((ci) => !ci.retired && names.includes(ci.name));
    return Promise.resolve(ciIdsByName(live));
  }
}
