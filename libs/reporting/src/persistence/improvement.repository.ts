import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { ImprovementStore } from '../application/improvement-store.port';
import type { Improvement, ImprovementStatus } from '../domain';

const COLLECTION = 'reporting_improvements';

interface ImprovementDocument {
  _id: Types.ObjectId;
  improvement: Improvement;
  status: ImprovementStatus;
  createdAt: number;
  version: number;
}

const improvementId = (id: string): Types.ObjectId => objectIdFromKey('reporting-improvement', id);

/** `reporting_improvements`: one document per initiative (`_id` from its id), replaced only at the version read. */
export class ImprovementRepository extends ImprovementStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ createdAt: -1 }), index({ status: 1, createdAt: -1 })])];

  private readonly collection: Collection<ImprovementDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<ImprovementDocument>(COLLECTION);
  }

  async find(id: string): Promise<Improvement | null> {
    return (await this.collection.findOne({ _id: improvementId(id) }))?.improvement ?? null;
  }

  async list(status: ImprovementStatus | null, limit: number): Promise<readonly Improvement[]> {
    const documents = await this.collection.find(status === null ? {} : { status }).sort({ createdAt: -1 }).limit(limit).toArray();
    return documents.map((d) => d.improvement);
  }

  async save(improvement: Improvement): Promise<boolean> {
    const document: ImprovementDocument = { _id: improvementId(improvement.id), improvement, status: improvement.status, createdAt: improvement.createdAt, version: improvement.version };
    if (improvement.version === 1) {
      try {
        await this.collection.insertOne(document);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    }
    return (await this.collection.replaceOne({ _id: document._id, version: improvement.version - 1 }, document)).modifiedCount === 1;
  }
}
