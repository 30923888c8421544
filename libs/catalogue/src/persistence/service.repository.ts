import { serviceSubject } from '@itsm/contracts';
import { AggregateRepository, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Model } from 'mongoose';
import { ServiceStore } from '../application/ports/portfolio-stores.port';
import { CatalogueError, CatalogueErrorCode } from '../domain';
import type { PortfolioEvent, PortfolioService } from '../domain';
import { toPortfolioEnvelopes } from './portfolio.envelopes';
import { serviceMapper, serviceOfDocument } from './service.schema';
import type { PositionedService, ServiceDocument } from './service.schema';

const RECORD_ONLY = { _outbox: 0 } as const;

/** Services in MongoDB: `_id` = serviceSubject('service', id); state, go-live approval and outbox in ONE document. */
export class ServiceRepository extends ServiceStore {
  private readonly aggregates: AggregateRepository<PositionedService, ServiceDocument>;
  private readonly positions = new WeakMap<Loaded<PortfolioService>, Loaded<PositionedService>>();

  constructor(
    private readonly model: Model<StoredDocument<ServiceDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new AggregateRepository(model, serviceMapper, afterCommit);
  }

  static keyOf(id: string): Types.ObjectId {
    return new Types.ObjectId(serviceSubject('service', id));
  }

  async load(id: string): Promise<Loaded<PortfolioService> | undefined> {
    const positioned = await this.aggregates.load(ServiceRepository.keyOf(id));
    if (positioned === undefined) return undefined;
    const loaded: Loaded<PortfolioService> = { ...positioned, aggregate: positioned.aggregate.service };
    this.positions.set(loaded, positioned);
    return loaded;
  }

  save(loaded: Loaded<PortfolioService>, service: PortfolioService, events: readonly PortfolioEvent[]): Promise<SaveResult> {
    const positioned = this.positions.get(loaded);
    if (positioned === undefined) throw new Error('service: save only a service loaded through this repository');
    const sequence = positioned.aggregate.sequence;
    const envelopes = toPortfolioEnvelopes(loaded.id.toHexString(), sequence, events);
    return this.aggregates.save(positioned, { service, sequence: sequence + envelopes.length }, envelopes);
  }

  async create(service: PortfolioService, events: readonly PortfolioEvent[]): Promise<void> {
    const key = ServiceRepository.keyOf(service.id);
    const envelopes = toPortfolioEnvelopes(key.toHexString(), 0, events);
    try {
      await this.aggregates.create(key, { service, sequence: envelopes.length }, envelopes);
    } catch (error) {
      if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new CatalogueError(CatalogueErrorCode.Conflict, `service ${service.id} already exists`, { serviceId: service.id });
      throw error;
    }
  }

  async byIds(ids: readonly string[]): Promise<ReadonlyMap<string, PortfolioService>> {
    if (ids.length === 0) return new Map();
    const documents = await this.model.find({ _id: { $in: ids.map((id) => ServiceRepository.keyOf(id)) } }, RECORD_ONLY).lean<ServiceDocument[]>();
    return new Map(documents.map((d) => [d.id, serviceOfDocument(d)]));
  }

  async list(first: number, after: string | null): Promise<readonly PortfolioService[]> {
    const filter = after === null ? {} : { nameKey: { $gt: after } };
    return (await this.model.find(filter, RECORD_ONLY).sort({ nameKey: 1 }).limit(first).lean<ServiceDocument[]>()).map(serviceOfDocument);
  }

  async notLiveIds(): Promise<readonly string[]> {
    return (await this.model.find({ lifecycle: { $in: ['pipeline', 'retired'] } }, { id: 1 }).lean<Pick<ServiceDocument, 'id'>[]>()).map((d) => d.id);
  }

  async awaitingApprover(personId: string): Promise<readonly PortfolioService[]> {
    return (await this.model.find({ pendingApproverIds: { $eq: personId } }, RECORD_ONLY).limit(200).lean<ServiceDocument[]>()).map(serviceOfDocument);
  }
}

export function serviceCursorKey(service: PortfolioService): string {
  return `${service.name.toLowerCase()}\u0000${service.id}`;
}
