import { applyOnceInMemory, InMemoryCmdbProjection } from '@itsm/platform/persistence';
import type { InMemoryRecord } from '@itsm/platform/persistence';
import { ConfigurationItems } from '../ports/change-references.port';
import type { CiNeighbours, CiView } from '../ports/change-references.port';
import type { AppliedEvent, CmdbProjectionStore } from '../ports/projection-stores.port';
import { cmdbChange } from '../projections/cmdb-change';
import type { CmdbChange, CmdbEvent, ProjectedRelationship } from '../projections/cmdb-change';
import { neighbourMap } from '../projections/neighbours';


/**
 * The CMDB projection in memory, with CmdbProjectionRepository's rules (the platform's in-memory CI
 * projection: the latest sequence per stream wins, retired CIs flagged; removed relationships inactive). Seed it with `feed` (events, as
 * the consumer applies them) or `ci`/`relate` (facts, for handler tests).
 */
export class InMemoryConfigurationItems extends ConfigurationItems implements CmdbProjectionStore {
  private readonly cis = new InMemoryCmdbProjection();
  private readonly relationships = new Map<string, InMemoryRecord<ProjectedRelationship>>();
  private seeded = 0;

  async feed(...events: CmdbEvent[]): Promise<this> {
    for (const event of events) await this.apply(cmdbChange(event), event);
    return this;
  }

  /** A CI with defaults (class `server`, not a service, not retired); returns it. */
  ci(facts: Pick<CiView, 'id'> & Partial<CiView>): CiView {
    return this.cis.seed({ name: facts.id, classId: 'server', service: false, retired: false, attributes: {}, ...facts });
  }

  /** An active relationship `sourceId` -> `targetId` (the source is the target's parent). */
  relate(sourceId: string, targetId: string, typeId = 'depends_on'): void {
    const id = `rel-${++this.seeded}`;
    this.relationships.set(id, { value: { id, typeId, sourceId, targetId, active: true }, applied: new Map() });
  }

  apply(change: CmdbChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'ci':
      case 'ci-retired':
        return this.cis.apply(change, event);
      case 'relationship':
        return applyOnceInMemory(this.relationships, change.relationship.id, event, () => change.relationship);
    }
  }

  find(ids: readonly string[]): Promise<ReadonlyMap<string, CiView>> {
    return this.cis.cis(ids);
  }

  neighbours(ids: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    const active = [...this.relationships.values()].map((r) => r.value).filter((r) => r.active);
    return Promise.resolve(neighbourMap([...new Set(ids)], active));
  }
}
