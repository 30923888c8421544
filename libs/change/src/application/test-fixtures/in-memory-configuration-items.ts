import { applyOnceInMemory } from '@itsm/platform/persistence';
import type { InMemoryRecord } from '@itsm/platform/persistence';
import { ConfigurationItems } from '../ports/change-references.port';
import type { CiNeighbours, CiView } from '../ports/change-references.port';
import type { AppliedEvent, CmdbProjectionStore } from '../ports/projection-stores.port';
import { cmdbChange } from '../projections/cmdb-change';
import type { CmdbChange, CmdbEvent, ProjectedRelationship } from '../projections/cmdb-change';
import { neighbourMap } from '../projections/neighbours';


/**
 * The CMDB projection in memory, with CmdbProjectionRepository's rules (the latest sequence per
 * stream wins; retired CIs flagged; removed relationships inactive). Seed it with `feed` (events, as
 * the consumer applies them) or `ci`/`relate` (facts, for handler tests).
 */
export class InMemoryConfigurationItems extends ConfigurationItems implements CmdbProjectionStore {
  private readonly cis = new Map<string, InMemoryRecord<CiView>>();
  private readonly relationships = new Map<string, InMemoryRecord<ProjectedRelationship>>();
  private seeded = 0;

  async feed(...events: CmdbEvent[]): Promise<this> {
    for (const event of events) await this.apply(cmdbChange(event), event);
    return this;
  }

  /** A CI with defaults (class `server`, not a service, not retired); returns it. */
  ci(facts: Pick<CiView, 'id'> & Partial<CiView>): CiView {
    const ci: CiView = { name: facts.id, classId: 'server', service: false, retired: false, attributes: {}, ...facts };
    this.cis.set(ci.id, { value: ci, applied: new Map() });
    return ci;
  }

  /** An active relationship `sourceId` -> `targetId` (the source is the target's parent). */
  relate(sourceId: string, targetId: string, typeId = 'depends_on'): void {
    const id = `rel-${++this.seeded}`;
    this.relationships.set(id, { value: { id, typeId, sourceId, targetId, active: true }, applied: new Map() });
  }

  apply(change: CmdbChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'ci':
        return applyOnceInMemory(this.cis, change.ci.id, event, () => change.ci);
      case 'ci-retired':
        return applyOnceInMemory(this.cis, change.ciId, event, (ci) => ({ id: change.ciId, name: change.name, classId: change.classId, service: change.service, retired: true, attributes: ci?.attributes ?? {} }));
      case 'relationship':
        return applyOnceInMemory(this.relationships, change.relationship.id, event, () => change.relationship);
    }
  }

  find(ids: readonly string[]): Promise<ReadonlyMap<string, CiView>> {
    return Promise.resolve(new Map(ids.flatMap((id) => {
      const ci = this.cis.get(id)?.value;
      return ci === undefined ? [] : [[id, ci] as const];
    })));
  }

  neighbours(ids: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    const active = [...this.relationships.values()].map((r) => r.value).filter((r) => r.active);
    return Promise.resolve(neighbourMap([...new Set(ids)], active));
  }
}
