import { cmdbTopic } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import type { EventBus } from '@itsm/platform/messaging';
import { EVENT_BUS } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ImpactIndex, operationalStatusOf } from '../domain';
import type { Attributes, CmdbDataModel, ConfigurationItem, IndexedCi, Relationship } from '../domain';
import { CiRepository, RelationshipRepository } from '../persistence';
import { CmdbDataModelService } from './cmdb-data-model.service';
import { CMDB_INDEX_GROUP_PREFIX, CMDB_SETTINGS } from './cmdb.tokens';
import type { CmdbSettings } from './cmdb.tokens';

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** What the index keeps of a CI: its class, name, status, whether it is a service, its redundancy rule. */
export function toIndexedCi(dataModel: CmdbDataModel, ci: { readonly id: string; readonly classId: string; readonly name: string; readonly attributes: Attributes }): IndexedCi {
  const minAvailable = numberOrNull(ci.attributes['redundancy_min_available']);
  const minAvailablePercent = numberOrNull(ci.attributes['redundancy_min_available_percent']);
  return {
    id: ci.id,
    classId: ci.classId,
    name: ci.name,
    operationalStatus: operationalStatusOf(ci.attributes),
    service: dataModel.findClass(ci.classId) !== undefined && dataModel.resolve(ci.classId).service,
    redundancy: minAvailable === null && minAvailablePercent === null ? null : { minAvailable, minAvailablePercent },
  };
}

/** A CMDB event (`itsm.cmdb.v1`) as the index reads it: its type, its data, its subject's sequence. */
export interface IndexedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly sequence: number;
}

/**
 * Applies one CMDB event to an index: whether it changed the index (an event older than what the
 * index holds for its subject does not), or null for an event type the index does not know.
 */
export function applyCmdbEvent(index: ImpactIndex, dataModel: CmdbDataModel, event: IndexedEvent): boolean | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'itsm.cmdb.ci-created.v1':
    case 'itsm.cmdb.ci-updated.v1': {
      const ci = { id: String(data['ciId']), classId: String(data['classId']), name: String(data['name']), attributes: (data['attributes'] ?? {}) as Attributes };
      return index.upsertCi(toIndexedCi(dataModel, ci), event.sequence);
    }
    case 'itsm.cmdb.ci-retired.v1':
      return index.retireCi(String(data['ciId']), event.sequence);
    case 'itsm.cmdb.relationship-added.v1':
      return index.addRelationship({ id: String(data['relationshipId']), typeId: String(data['typeId']), sourceId: String(data['sourceId']), targetId: String(data['targetId']) }, event.sequence);
    case 'itsm.cmdb.relationship-removed.v1':
      return index.removeRelationship(String(data['relationshipId']), event.sequence);
    default:
      return null;
  }
}

/** A CI as the index takes it in (a CI, or a listing's summary of one). */
export type IndexableCi = Pick<ConfigurationItem, 'id' | 'classId' | 'name' | 'attributes' | 'state' | 'sequence'>;

/** What a write tells this replica's index before it returns (read your writes). */
export interface IndexWriter {
  applyCi(ci: IndexableCi): void;
  applyRelationship(relationship: Relationship): void;
}

/** What reads ask of this replica's index. */
export interface IndexReader {
  readonly index: ImpactIndex;
}

/**
 * This replica's in-memory CMDB graph (impact analysis, service maps, affected services): loaded
 * from MongoDB at start, then kept current by the CMDB's own events, which every replica reads in
 * its own consumer group. Every change carries its subject's sequence, so a replayed, duplicated or
 * late event never undoes a newer one; this replica's own writes are applied at once as well.
 */
@Injectable()
export class CmdbIndexService implements IndexWriter, IndexReader {
  readonly index: ImpactIndex;
  private ready = false;

  constructor(
    @Inject(CmdbDataModelService) private readonly dataModel: CmdbDataModelService,
    @Inject(CiRepository) private readonly cis: CiRepository,
    @Inject(RelationshipRepository) private readonly relationships: RelationshipRepository,
    @Inject(EVENT_BUS) private readonly bus: EventBus<readonly TopicDefinition[]>,
    @Inject(CMDB_SETTINGS) private readonly settings: CmdbSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    this.index = new ImpactIndex(dataModel.current().relationshipTypes());
    dataModel.onChange((next) => this.index.setRelationshipTypes(next.relationshipTypes()));
  }

  get consumerGroup(): string {
    return `${CMDB_INDEX_GROUP_PREFIX}${this.settings.instanceId}`;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Subscribes first (events during the load are applied by sequence), then loads everything stored. */
  async start(): Promise<void> {
    await this.bus.subscribe({
      group: this.consumerGroup,
      topics: [cmdbTopic.name],
      handle: async (event) => {
        this.apply(event.envelope);
      },
    });
    const started = performance.now();
    const cis = await this.cis.forEach((batch) => batch.forEach((ci) => this.applyCi(ci)));
    const relationships = await this.relationships.forEach((batch) => batch.forEach((r) => this.applyRelationship(r)));
    // the walk snapshot now, not in the first query
    this.index.prepareWalks();
    this.ready = true;
    this.logger.info({ cis, relationships, ms: Math.round(performance.now() - started) }, 'CMDB impact index loaded');
  }

  /** A CI as stored at its sequence: retired ones leave the graph. */
  applyCi(ci: IndexableCi): void {
    if (ci.state === 'retired') this.index.retireCi(ci.id, ci.sequence);
    else this.index.upsertCi(toIndexedCi(this.dataModel.current(), ci), ci.sequence);
  }

  applyRelationship(relationship: Relationship): void {
    // Only what the walk needs: the index keeps what it is given, for every relationship.
    const { id, typeId, sourceId, targetId } = relationship;
    if (relationship.state === 'active') this.index.addRelationship({ id, typeId, sourceId, targetId }, relationship.sequence);
    else this.index.removeRelationship(relationship.id, relationship.sequence);
  }

  /** One CMDB event (this replica's own write, or any replica's through the bus). */
  apply(envelope: EventEnvelope): void {
    if (applyCmdbEvent(this.index, this.dataModel.current(), envelope) === null) this.logger.warn({ type: envelope.type }, 'CMDB index: unknown event type ignored');
  }

  /** This replica's own committed events, applied before the write returns (read your writes). */
  applyAll(envelopes: readonly EventEnvelope[]): void {
    for (const envelope of envelopes) this.apply(envelope);
  }
}
