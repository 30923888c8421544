import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { Types } from 'mongoose';
import type { Model } from 'mongoose';
import { ServiceStore } from '../application/ports/portfolio-stores.port';
import type { ClosedOffering } from '../application/ports/portfolio-stores.port';
import { offeringServes } from '../domain';
import type { PortfolioEvent, PortfolioService } from '../domain';
import { PortfolioRecords, portfolioKey } from './portfolio-records';
import { serviceMapper, serviceOfDocument } from './service.schema';
import type { ServiceDocument } from './service.schema';

const RECORD_ONLY = { _outbox: 0 } as const;

/** Services in MongoDB: `_id` = serviceSubject('service', id); state, go-live approval and outbox in ONE document. */
export class ServiceRepository extends ServiceStore {
  private readonly records: PortfolioRecords<PortfolioService, ServiceDocument>;

  constructor(
    private readonly model: Model<StoredDocument<ServiceDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.records = new PortfolioRecords('service', model, serviceMapper, afterCommit);
  }

  static keyOf(id: string): Types.ObjectId {
    return portfolioKey('service', id);
  }

  load(id: string): Promise<Loaded<PortfolioService> | undefined> {
    return this.records.load(id);
  }

  save(loaded: Loaded<PortfolioService>, service: PortfolioService, events: readonly PortfolioEvent[]): Promise<SaveResult> {
    return this.records.save(loaded, service, events);
  }

  /** CATALOGUE.CONFLICT when the id is taken. */
  create(service: PortfolioService, events: readonly PortfolioEvent[]): Promise<void> {
    return this.records.create(service, events);
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

  async offeringsClosedTo(organisationId: string | null): Promise<readonly ClosedOffering[]> {
    const documents = await this.model.find({ customerRestricted: { $eq: true } }, { id: 1, offerings: 1 }).lean<Pick<ServiceDocument, 'id' | 'offerings'>[]>();
    return documents.flatMap((d) => d.offerings.filter((o) => !offeringServes(o, organisationId)).map((o) => ({ serviceId: d.id, offeringId: o.offeringId })));
  }

  async awaitingApprover(personId: string): Promise<readonly PortfolioService[]> {
    return (await this.model.find({ pendingApproverIds: { $eq: personId } }, RECORD_ONLY).limit(200).lean<ServiceDocument[]>()).map(serviceOfDocument);
  }
}

export function serviceCursorKey(service: PortfolioService): string {
  return `${service.name.toLowerCase()}\u0000${service.id}`;
}
