import { parseCondition } from '@itsm/approval';
import type { ApprovalPolicy } from '@itsm/approval';
import { collectionIndexes, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { GoLivePolicyStore } from '../application/ports/portfolio-stores.port';

interface PolicyDocument extends ApprovalPolicy {
  _id: Types.ObjectId;
}

const COLLECTION = 'catalogue_go_live_policies';
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('catalogue-go-live-policy', id);

/** The portfolio-steering approval policies (a handful of admin records). */
export class GoLivePolicyRepository extends GoLivePolicyStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [], [{ shape: 'find {} sort { order: 1, id: 1 }', reason: 'all: a go-live request plans over every policy (a handful)' }])];

  private readonly collection: Collection<PolicyDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<PolicyDocument>(COLLECTION);
  }

  async all(): Promise<readonly ApprovalPolicy[]> {
    const documents = await this.collection.find({}).sort({ order: 1, id: 1 }).toArray();
    return documents.map(({ _id, ...p }) => ({ ...p, appliesWhen: p.appliesWhen === null ? null : parseCondition(p.appliesWhen), autoApproveWhen: p.autoApproveWhen === null ? null : parseCondition(p.autoApproveWhen) }));
  }

  async put(policy: ApprovalPolicy): Promise<void> {
    const _id = keyOf(policy.id);
    await this.collection.replaceOne({ _id }, JSON.parse(JSON.stringify(policy)) as ApprovalPolicy, { upsert: true });
  }

  async remove(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: keyOf(id) })).deletedCount === 1;
  }
}
