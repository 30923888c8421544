import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { checkObservation, CmdbError, CmdbErrorCode, createCi, identificationKeys } from '../../../domain';
import type { CmdbDataModel } from '../../../domain';
import { CI_STORE } from '../../../persistence';
import type { CiStore } from '../../../persistence';
import { CiMergeService } from '../../ci-merge.service';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import { ciErrors } from '../../cmdb-command.errors';
import { ciEvent } from '../../cmdb.events';
import { CmdbIndexService } from '../../cmdb-index.service';
import type { IndexWriter } from '../../cmdb-index.service';
import type { ReconcileResult, RelationshipResult } from '../../command-results';
import { IdentityService } from '../../identity.service';
import { AddRelationshipCommand } from '../add-relationship/add-relationship.command';
import { AddRelationshipHandler } from '../add-relationship/add-relationship.handler';
import type { Discovery, ObservedRelationship, ReportDiscoveredCiCommand } from './report-discovered-ci.command';

interface CheckedRelationship extends ObservedRelationship {
  readonly keys: readonly string[];
}

const MAX_ATTEMPTS = 5;

/**
 * Identification and reconciliation: a payload from a discovery source is checked whole (its
 * relationships too), matched to the CI it describes by the class's identification rules, then
 * created (if the source may create; its keys claimed first, so two creators of one CI cannot both
 * win) or merged attribute by attribute under source precedence (CiMergeService). Its relationships
 * are then added one by one; each one's outcome is reported, a refused one does not fail the CI.
 */
@Injectable()
export class ReportDiscoveredCiHandler {
  constructor(
    @Inject(CI_STORE) private readonly cis: CiStore,
    @Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CiMergeService) private readonly merger: CiMergeService,
    @Inject(AddRelationshipHandler) private readonly addRelationship: AddRelationshipHandler,
    @Inject(CmdbIndexService) private readonly index: IndexWriter,
  ) {}

  async execute({ discovery }: ReportDiscoveredCiCommand): Promise<ReconcileResult> {
    // Every reported relationship is checked before anything is written.
    const { dataModel, observation, relationships } = await this.dataModelReader.withDataModel((dataModel) => ({
      dataModel,
      observation: checkObservation(dataModel, discovery),
      relationships: discovery.relationships.map((r) => this.checkRelationship(dataModel, r)),
    }));
    const mayCreate = dataModel.source(discovery.source).mayCreate;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const found = await this.identity.identify(observation.keys, !mayCreate);
      if (found.kind === 'found') return this.withRelationships(await this.merger.merge(found.loaded.aggregate.id, observation), relationships, discovery);
      const id = new Types.ObjectId().toHexString();
      const { ci, entry } = createCi(dataModel, id, observation);
      const claim = await this.identity.claimAll(observation.keys, id);
      if (claim.kind === 'taken') {
        // Someone holds one of the keys: that CI is this one (or its creator is a moment from writing it).
        const owner = await this.identity.identify([claim.key], true);
        if (owner.kind === 'found') return this.withRelationships(await this.merger.merge(owner.loaded.aggregate.id, observation), relationships, discovery);
        continue;
      }
      try {
        await this.cis.create(ci, [ciEvent('created', ci, entry)]);
      } catch (error) {
        await this.identity.release(observation.keys, id);
        throw error;
      }
      const created = { ...ci, sequence: 1 };
      this.index.applyCi(created);
      return this.withRelationships({ ci: created, outcome: 'created', held: [], identificationConflicts: [], relationships: [] }, relationships, discovery);
    }
    throw ciErrors.conflict(observation.keys[0] ?? '');
  }

  private checkRelationship(dataModel: CmdbDataModel, relationship: ObservedRelationship): CheckedRelationship {
    dataModel.relationshipType(relationship.typeId);
    const resolved = dataModel.concreteClass(relationship.classId);
    const identifiers = dataModel.checkAttributes(relationship.classId, relationship.identifiers, false);
    const keys = identificationKeys(resolved, identifiers);
    if (keys.length === 0) {
      throw new CmdbError(CmdbErrorCode.NotIdentifiable, `the ${relationship.typeId} relationship names a ${relationship.classId} without the attributes of an identification rule`, { classId: relationship.classId });
    }
    return { ...relationship, identifiers, keys };
  }

  private async withRelationships(result: ReconcileResult, relationships: readonly CheckedRelationship[], discovery: Discovery): Promise<ReconcileResult> {
    if (relationships.length === 0) return result;
    const outcomes: RelationshipResult[] = [];
    for (const relationship of relationships) {
      const base = { typeId: relationship.typeId, direction: relationship.direction };
      const other = await this.identity.identify(relationship.keys, true);
      if (other.kind === 'none') {
        outcomes.push({ ...base, targetId: null, outcome: 'unresolved', code: null, message: `no ${relationship.classId} matches ${relationship.keys.join(' / ')}` });
        continue;
      }
      const otherId = other.loaded.aggregate.id;
      const [sourceId, targetId] = relationship.direction === 'outbound' ? [result.ci.id, otherId] : [otherId, result.ci.id];
      try {
        const added = await this.addRelationship.execute(new AddRelationshipCommand(relationship.typeId, sourceId, targetId, discovery.by, discovery.source));
        outcomes.push({ ...base, targetId: otherId, outcome: added.changed ? 'added' : 'exists', code: null, message: null });
      } catch (error) {
        if (!(error instanceof CmdbError)) throw error;
        outcomes.push({ ...base, targetId: otherId, outcome: 'rejected', code: error.code, message: error.message });
      }
    }
    return { ...result, relationships: outcomes };
  }
}
