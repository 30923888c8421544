import { serviceSubject } from '@itsm/contracts';
import { Types } from 'mongoose';
import type { Collection, Connection } from 'mongoose';
import type { ServiceLifecycle, ServiceOffering } from '../domain';
import { SERVICE_COLLECTION } from './service.schema';

/** A live service as ordering reads it: its offerings' customer organisations. */
export interface LiveService {
  readonly customerOrgIds: ReadonlyMap<string, readonly string[]>;
}

/** Which services are live, read by `_id` from the service collection (ordering checks an item's service with it). */
export class ServiceLifecycles {
  private readonly collection: Collection<{ _id: Types.ObjectId; id: string; lifecycle: ServiceLifecycle; offerings: readonly ServiceOffering[] }>;

  constructor(connection: Connection) {
    this.collection = connection.collection(SERVICE_COLLECTION);
  }

  /** The live ones among `serviceIds` (nulls: items without a service, skipped), each with its offerings' customer organisations by offering id. */
  async live(serviceIds: readonly (string | null)[]): Promise<ReadonlyMap<string, LiveService>> {
    const ids = [...new Set(serviceIds.filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const documents = await this.collection.find({ _id: { $in: ids.map((id) => new Types.ObjectId(serviceSubject('service', id))) } }, { projection: { id: 1, lifecycle: 1, offerings: 1 } }).toArray();
    return new Map(documents.filter((d) => d.lifecycle === 'live').map((d) => [d.id, { customerOrgIds: new Map(d.offerings.map((o) => [o.offeringId, o.customerOrgIds])) }]));
  }
}
