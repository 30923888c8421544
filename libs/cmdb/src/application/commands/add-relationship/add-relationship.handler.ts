import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode, retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { checkRelationship } from '../../../domain';
import type { Relationship } from '../../../domain';
import { CI_STORE, RELATIONSHIP_STORE, relationshipId } from '../../../persistence';
import type { CiReader, RelationshipStore } from '../../../persistence';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import { ciErrors, relationshipErrors } from '../../cmdb-command.errors';
import { relationshipEvent } from '../../cmdb.events';
import { CmdbIndexService } from '../../cmdb-index.service';
import type { IndexWriter } from '../../cmdb-index.service';
import type { RelationshipOutcome } from '../../command-results';
import { expectSaved } from '../../expect-saved';
import type { AddRelationshipCommand } from './add-relationship.command';

/**
 * Adds a typed relationship: both ends active, the type's class rules respected. One document per
 * type and ends, so adding again changes nothing and adding a removed one revives it. (Creates or
 * revives, so not the AggregateCommandRunner, which changes one aggregate that exists.)
 */
@Injectable()
export class AddRelationshipHandler {
  constructor(
    @Inject(CI_STORE) private readonly cis: CiReader,
    @Inject(RELATIONSHIP_STORE) private readonly relationships: RelationshipStore,
    @Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader,
    @Inject(CmdbIndexService) private readonly index: IndexWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: AddRelationshipCommand): Promise<RelationshipOutcome> {
    const { typeId, sourceId, targetId, by, source } = command;
    const [from, to] = await Promise.all([this.cis.load(sourceId), this.cis.load(targetId)]);
    if (from === undefined) throw ciErrors.notFound(sourceId);
    if (to === undefined) throw ciErrors.notFound(targetId);
    await this.dataModelReader.withDataModel((dataModel) => checkRelationship(dataModel, typeId, from.aggregate, to.aggregate));
    const id = relationshipId(typeId, sourceId, targetId);
    const at = this.clock.now().toISOString();
    return retryOnConflict(async () => {
      const loaded = await this.relationships.load(id);
      if (loaded?.aggregate.state === 'active') return { relationship: loaded.aggregate, changed: false };
      const relationship: Relationship = { id, typeId, sourceId, targetId, state: 'active', source, createdBy: by, createdAt: at, removedBy: null, removedAt: null, sequence: loaded?.aggregate.sequence ?? 0 };
      try {
        if (loaded) await expectSaved(this.relationships.save(loaded, relationship, [relationshipEvent(relationship, 'added', by, at)]));
        else await this.relationships.create(relationship, [relationshipEvent(relationship, 'added', by, at)]);
      } catch (error) {
        // Created by someone else meanwhile: decide again on what is stored.
        if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new PersistenceError(PersistenceErrorCode.Conflict, error.message);
        throw error;
      }
      const saved = { ...relationship, sequence: relationship.sequence + 1 };
      this.index.applyRelationship(saved);
      return { relationship: saved, changed: true };
    }, () => relationshipErrors.conflict(id));
  }
}
