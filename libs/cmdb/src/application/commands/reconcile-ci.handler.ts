import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode, retryOnConflict } from '@itsm/platform/persistence';
import type { Loaded } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import { checkObservation, CmdbError, CmdbErrorCode, createCi, identificationKeys, reconcileCi, retireCi } from '../../domain';
import type { Attributes, CheckedObservation, CiObservation, CmdbCatalog, ConfigurationItem, HeldAttribute } from '../../domain';
import { CiRepository } from '../../persistence';
import { CmdbCatalogService } from '../cmdb-catalog.service';
import { ciEvent } from '../cmdb-events';
import { CmdbIndexService, toIndexedCi } from '../cmdb-index.service';
import { IdentityService } from '../identity.service';
import { ManageRelationshipsHandler } from './manage-relationships.handler';

/** A relationship a discovery payload reports, to a CI named by identifying attributes. */
export interface ObservedRelationship {
  readonly typeId: string;
  readonly direction: 'outbound' | 'inbound';
  readonly classId: string;
  readonly identifiers: Attributes;
}

export interface Discovery extends CiObservation {
  readonly relationships: readonly ObservedRelationship[];
}

export interface RelationshipResult {
  readonly typeId: string;
  readonly direction: 'outbound' | 'inbound';
  readonly targetId: string | null;
  readonly outcome: 'added' | 'exists' | 'unresolved' | 'rejected';
  readonly code: string | null;
  readonly message: string | null;
}

export interface ReconcileResult {
  readonly ci: ConfigurationItem;
  readonly outcome: 'created' | 'updated' | 'unchanged';
  /** Attributes the source reported but a source of higher precedence holds. */
  readonly held: readonly HeldAttribute[];
  /** Identification keys this CI matched that another CI already holds (a likely duplicate pair). */
  readonly identificationConflicts: readonly { readonly key: string; readonly ciId: string }[];
  readonly relationships: readonly RelationshipResult[];
}

interface CheckedRelationship extends ObservedRelationship {
  readonly keys: readonly string[];
}

const conflict = () => new CmdbError(CmdbErrorCode.Conflict, 'the CI changed concurrently; try again');


/**
 * Identification and reconciliation: a payload from a discovery source (GraphQL or the bulk feed)
 * or a person is checked whole, matched to the CI it describes by the class's identification
 * rules, then created (if the source may create) or merged attribute by attribute under source
 * precedence, with its history entry and event in the same write.
 */
@Injectable()
export class ReconcileCiHandler {
  constructor(
    @Inject(CiRepository) private readonly cis: CiRepository,
    @Inject(CmdbCatalogService) private readonly catalog: CmdbCatalogService,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CmdbIndexService) private readonly index: CmdbIndexService,
    @Inject(ManageRelationshipsHandler) private readonly relationships: ManageRelationshipsHandler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async discover(discovery: Discovery): Promise<ReconcileResult> {
    // Every reported relationship is checked before anything is written.
    const { catalog, observation, relationships } = await this.catalog.withCatalog((catalog) => ({
      catalog,
      observation: checkObservation(catalog, discovery),
      relationships: discovery.relationships.map((r) => this.checkRelationship(catalog, r)),
    }));
    const mayCreate = catalog.source(discovery.source).mayCreate;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const found = await this.identity.identify(observation.keys, !mayCreate);
      if (found.kind === 'found') return this.withRelationships(await this.merge(found.loaded.aggregate.id, observation), relationships, discovery);
      const id = new Types.ObjectId().toHexString();
      const { ci, entry } = createCi(catalog, id, observation);
      const claim = await this.identity.claimAll(observation.keys, id);
      if (claim.kind === 'taken') {
        // Someone holds one of the keys: that CI is this one (or its creator is a moment from writing it).
        const owner = await this.identity.identify([claim.key], true);
        if (owner.kind === 'found') return this.withRelationships(await this.merge(owner.loaded.aggregate.id, observation), relationships, discovery);
        continue;
      }
      try {
        await this.cis.create(ci, [ciEvent('created', ci, entry)]);
      } catch (error) {
        await this.identity.release(observation.keys, id);
        throw error;
      }
      this.index.index.upsertCi(toIndexedCi(catalog, ci), 1);
      return this.withRelationships({ ci: { ...ci, sequence: 1 }, outcome: 'created', held: [], identificationConflicts: [], relationships: [] }, relationships, discovery);
    }
    throw conflict();
  }

  /** A person's edit of a CI by id (source `manual` unless given): no identification, same precedence rules. */
  async update(ciId: string, attributes: Attributes, by: string, source = 'manual'): Promise<ReconcileResult> {
    const catalog = await this.catalog.withCatalog((c) => (c.source(source), c));
    const loaded = await this.load(ciId);
    const checkedAttributes = catalog.checkAttributes(loaded.aggregate.classId, attributes, false);
    const keys = identificationKeys(catalog.resolve(loaded.aggregate.classId), { ...loaded.aggregate.attributes, ...checkedAttributes });
    const observation: CheckedObservation = { source, classId: loaded.aggregate.classId, attributes: checkedAttributes, by, at: this.clock.now().toISOString(), keys };
    return this.merge(ciId, observation);
  }

  /** Retires a CI: kept with its history and identification keys (rediscovery does not recreate it), its relationships removed. */
  async retire(ciId: string, reason: string, by: string): Promise<ConfigurationItem> {
    const at = this.clock.now().toISOString();
    const retired = await retryOnConflict(async () => {
      const loaded = await this.load(ciId);
      const { ci } = retireCi(loaded.aggregate, by, at, reason);
      const retiredEvent = { type: 'itsm.cmdb.ci-retired.v1', data: { ciId, classId: ci.classId, name: ci.name, reason, by, at } };
      await this.expectSaved(this.cis.save(loaded, ci, [retiredEvent]));
      const sequence = loaded.aggregate.sequence + 1;
      this.index.index.retireCi(ciId, sequence);
      return { ...ci, sequence };
    }, conflict);
    await this.relationships.removeAllOf(ciId, by);
    return retired;
  }

  private async merge(ciId: string, observation: CheckedObservation): Promise<ReconcileResult> {
    const catalog = this.catalog.current();
    return retryOnConflict(async () => {
      const loaded = await this.load(ciId);
      const gained = observation.keys.filter((key) => !loaded.aggregate.identifiers.includes(key));
      const claims = gained.length ? await this.identity.claimMore(gained, ciId) : { claimed: [], conflicts: [] };
      const reconciled = reconcileCi(catalog, loaded.aggregate, observation, [...loaded.aggregate.identifiers, ...claims.claimed]);
      const identificationConflicts = claims.conflicts.map((c) => ({ key: c.key, ciId: c.ownerId }));
      if (reconciled.kind === 'unchanged') {
        if (reconciled.ci !== loaded.aggregate) await this.expectSaved(this.cis.save(loaded, reconciled.ci, []));
        return { ci: loaded.aggregate, outcome: 'unchanged', held: reconciled.held, identificationConflicts, relationships: [] };
      }
      await this.expectSaved(this.cis.save(loaded, reconciled.ci, [ciEvent('updated', reconciled.ci, reconciled.entry)]));
      const ci = { ...reconciled.ci, sequence: loaded.aggregate.sequence + 1 };
      this.index.index.upsertCi(toIndexedCi(catalog, ci), ci.sequence);
      return { ci, outcome: 'updated', held: reconciled.held, identificationConflicts, relationships: [] };
    }, conflict);
  }

  private checkRelationship(catalog: CmdbCatalog, relationship: ObservedRelationship): CheckedRelationship {
    catalog.relationshipType(relationship.typeId);
    const resolved = catalog.concreteClass(relationship.classId);
    const identifiers = catalog.checkAttributes(relationship.classId, relationship.identifiers, false);
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
        const added = await this.relationships.add(relationship.typeId, sourceId, targetId, discovery.by, discovery.source);
        outcomes.push({ ...base, targetId: otherId, outcome: added.changed ? 'added' : 'exists', code: null, message: null });
      } catch (error) {
        if (!(error instanceof CmdbError)) throw error;
        outcomes.push({ ...base, targetId: otherId, outcome: 'rejected', code: error.code, message: error.message });
      }
    }
    return { ...result, relationships: outcomes };
  }

  private async load(ciId: string): Promise<Loaded<ConfigurationItem>> {
    const loaded = await this.cis.load(ciId);
    if (loaded === undefined) throw new CmdbError(CmdbErrorCode.CiNotFound, `no CI ${ciId}`, { ciId });
    return loaded;
  }

  private async expectSaved(result: Promise<{ status: string }>): Promise<void> {
    if ((await result).status !== 'saved') throw new PersistenceError(PersistenceErrorCode.Conflict, 'not saved');
  }
}
