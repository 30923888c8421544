import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { ApprovalDelegationStore } from '../application/ports/approval-stores.port';
import type { ApprovalDelegation } from '../domain';

interface DelegationDocument {
  _id: Types.ObjectId;
  id: string;
  delegatorId: string;
  delegateId: string;
  start: Date;
  end: Date;
  reason: string | null;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const COLLECTION = 'change_approval_delegations';

const keyOf = (id: string): Types.ObjectId => objectIdFromKey('change-approval-delegation', id);

function toDelegation(d: DelegationDocument): ApprovalDelegation {
  return { id: d.id, delegatorId: d.delegatorId, delegateId: d.delegateId, start: d.start, end: d.end, reason: d.reason, createdBy: d.createdBy, createdAt: d.createdAt, revokedAt: d.revokedAt };
}

/** Approval delegations: read by delegate on every decision and pending-approvals list; by either party for their list. */
export class ApprovalDelegationRepository extends ApprovalDelegationStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [index({ delegateId: 1, revokedAt: 1, end: 1 }), index({ delegatorId: 1, revokedAt: 1, end: 1 })]),
  ];

  private readonly collection: Collection<DelegationDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<DelegationDocument>(COLLECTION);
  }

  async byId(id: string): Promise<ApprovalDelegation | undefined> {
    const document = await this.collection.findOne({ _id: keyOf(id) });
    return document === null ? undefined : toDelegation(document);
  }

  async create(delegation: ApprovalDelegation): Promise<void> {
    await this.collection.insertOne({ _id: keyOf(delegation.id), ...delegation });
  }

  async revoke(id: string, at: Date): Promise<ApprovalDelegation | undefined> {
    await this.collection.updateOne({ _id: keyOf(id), revokedAt: { $eq: null } }, { $set: { revokedAt: at } });
    return this.byId(id);
  }

  async inForceFor(delegateId: string, at: Date): Promise<readonly ApprovalDelegation[]> {
    const documents = await this.collection.find({ delegateId: { $eq: delegateId }, revokedAt: { $eq: null }, end: { $gt: at }, start: { $lte: at } }).toArray();
    return documents.map(toDelegation);
  }

  async currentOf(personId: string, at: Date): Promise<readonly ApprovalDelegation[]> {
    const [given, received] = await Promise.all([
      this.collection.find({ delegatorId: { $eq: personId }, revokedAt: { $eq: null }, end: { $gt: at } }).toArray(),
      this.collection.find({ delegateId: { $eq: personId }, revokedAt: { $eq: null }, end: { $gt: at } }).toArray(),
    ]);
    const byId = new Map([...given, ...received].map((d) => [d.id, toDelegation(d)]));
    return [...byId.values()].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  }
}
