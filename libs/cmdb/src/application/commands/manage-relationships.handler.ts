import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode, retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { checkRelationship, CmdbError, CmdbErrorCode } from '../../domain';
import type { Relationship } from '../../domain';
import { CiRepository, RelationshipRepository, relationshipId } from '../../persistence';
import { CmdbCatalogService } from '../cmdb-catalog.service';
import { relationshipEvent } from '../cmdb-events';
import { CmdbIndexService } from '../cmdb-index.service';

export interface RelationshipOutcome {
  readonly relationship: Relationship;
  /** False when it already existed as asked (adding and removing are idempotent). */
  readonly changed: boolean;
}

const conflict = () => new CmdbError(CmdbErrorCode.Conflict, 'the relationship changed concurrently; try again');


/** Adds and removes typed relationships: both ends active, the type's class rules respected. */
@Injectable()
export class ManageRelationshipsHandler {
  constructor(
    @Inject(CiRepository) private readonly cis: CiRepository,
    @Inject(RelationshipRepository) private readonly relationships: RelationshipRepository,
    @Inject(CmdbCatalogService) private readonly catalog: CmdbCatalogService,
    @Inject(CmdbIndexService) private readonly index: CmdbIndexService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async add(typeId: string, sourceId: string, targetId: string, by: string, source = 'manual'): Promise<RelationshipOutcome> {
    const [from, to] = await Promise.all([this.cis.load(sourceId), this.cis.load(targetId)]);
    if (from === undefined) throw new CmdbError(CmdbErrorCode.CiNotFound, `no CI ${sourceId}`, { ciId: sourceId });
    if (to === undefined) throw new CmdbError(CmdbErrorCode.CiNotFound, `no CI ${targetId}`, { ciId: targetId });
    await this.catalog.withCatalog((catalog) => checkRelationship(catalog, typeId, from.aggregate, to.aggregate));
    const id = relationshipId(typeId, sourceId, targetId);
    const at = this.clock.now().toISOString();
    return retryOnConflict(async () => {
      const loaded = await this.relationships.load(id);
      if (loaded?.aggregate.state === 'active') return { relationship: loaded.aggregate, changed: false };
      const relationship: Relationship = { id, typeId, sourceId, targetId, state: 'active', source, createdBy: by, createdAt: at, removedBy: null, removedAt: null, sequence: loaded?.aggregate.sequence ?? 0 };
      try {
        if (loaded) await this.expectSaved(this.relationships.save(loaded, relationship, [relationshipEvent(relationship, 'added', by, at)]));
        else await this.relationships.create(relationship, [relationshipEvent(relationship, 'added', by, at)]);
      } catch (error) {
        // Created by someone else meanwhile: decide again on what is stored.
        if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new PersistenceError(PersistenceErrorCode.Conflict, error.message);
        throw error;
      }
      const saved = { ...relationship, sequence: relationship.sequence + 1 };
      this.index.applyRelationship(saved);
      return { relationship: saved, changed: true };
    }, conflict);
  }

  async remove(id: string, by: string): Promise<RelationshipOutcome> {
    const at = this.clock.now().toISOString();
    return retryOnConflict(async () => {
      const loaded = await this.relationships.load(id);
      if (loaded === undefined) throw new CmdbError(CmdbErrorCode.RelationshipNotFound, `no relationship ${id}`, { relationshipId: id });
      if (loaded.aggregate.state === 'removed') return { relationship: loaded.aggregate, changed: false };
      const relationship: Relationship = { ...loaded.aggregate, state: 'removed', removedBy: by, removedAt: at };
      await this.expectSaved(this.relationships.save(loaded, relationship, [relationshipEvent(relationship, 'removed', by, at)]));
      const saved = { ...relationship, sequence: relationship.sequence + 1 };
      this.index.applyRelationship(saved);
      return { relationship: saved, changed: true };
    }, conflict);
  }

  /** Every active relationship of a CI removed (the CI is retired). */
  async removeAllOf(ciId: string, by: string): Promise<number> {
    let removed = 0;
    for (const relationship of await this.relationships.activeOf(ciId)) if ((await this.remove(relationship.id, by)).changed) removed += 1;
    return removed;
  }

  private async expectSaved(result: Promise<{ status: string }>): Promise<void> {
    if ((await result).status !== 'saved') throw new PersistenceError(PersistenceErrorCode.Conflict, 'not saved');
  }
}
