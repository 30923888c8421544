import type { ApprovalLevelDefinition, Condition } from '@itsm/approval';
import { parseCondition } from '@itsm/approval';
import { collectionIndexes, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { ApprovalPolicyStore } from '../application/ports/approval-stores.port';
import { ChangeError, ChangeErrorCode } from '../domain';
import type { ChangeApprovalPolicy } from '../domain';

interface PolicyDocument {
  _id: Types.ObjectId;
  id: string;
  name: string;
  description: string;
  order: number;
  active: boolean;
  appliesWhen: Condition | null;
  autoApproveWhen: Condition | null;
  levels: ApprovalLevelDefinition[];
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

const COLLECTION = 'change_approval_policies';

/** The embedded store keys by ObjectId only: the policy id's own deterministic key. */
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('change-approval-policy', id);

function toDocument(p: ChangeApprovalPolicy): PolicyDocument {
  return {
    _id: keyOf(p.id),
    id: p.id,
    name: p.name,
    description: p.description,
    order: p.order,
    active: p.active,
    appliesWhen: p.appliesWhen,
    autoApproveWhen: p.autoApproveWhen,
    levels: p.levels.map((l) => ({ name: l.name, approvers: { groupIds: [...l.approvers.groupIds], userIds: [...l.approvers.userIds], roles: [...l.approvers.roles] }, rule: l.rule, mandatory: l.mandatory })),
    version: p.version,
    updatedBy: p.updatedBy,
    updatedAt: p.updatedAt,
  };
}

/** Conditions are read back through the engine's parser: a stored tree is outside input too. */
function toPolicy(d: PolicyDocument): ChangeApprovalPolicy {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    order: d.order,
    active: d.active,
    appliesWhen: d.appliesWhen === null ? null : parseCondition(d.appliesWhen),
    autoApproveWhen: d.autoApproveWhen === null ? null : parseCondition(d.autoApproveWhen),
    levels: d.levels,
    version: d.version,
    updatedBy: d.updatedBy,
    updatedAt: d.updatedAt,
  };
}

/** Approval policies: admin records (a handful), one document each, optimistic version. */
export class ApprovalPolicyRepository extends ApprovalPolicyStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [], [{ shape: 'find {} sort { order: 1, id: 1 }', reason: 'all: the policy selection reads every policy (a handful) when a change enters Authorize' }]),
  ];

  private readonly collection: Collection<PolicyDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<PolicyDocument>(COLLECTION);
  }

  async byId(id: string): Promise<ChangeApprovalPolicy | undefined> {
    const document = await this.collection.findOne({ _id: keyOf(id) });
    return document === null ? undefined : toPolicy(document);
  }

  async all(): Promise<readonly ChangeApprovalPolicy[]> {
    return (await this.collection.find({}).sort({ order: 1, id: 1 }).toArray()).map(toPolicy);
  }

  async create(policy: ChangeApprovalPolicy): Promise<void> {
    try {
      await this.collection.insertOne(toDocument(policy));
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ChangeError(ChangeErrorCode.Conflict, `approval policy ${policy.id} already exists`, { policyId: policy.id });
      throw error;
    }
  }

  async save(policy: ChangeApprovalPolicy, expectedVersion: number): Promise<void> {
    const { _id, ...fields } = toDocument(policy);
    const result = await this.collection.updateOne({ _id, version: { $eq: expectedVersion } }, { $set: fields });
    if (result.matchedCount === 0) throw new ChangeError(ChangeErrorCode.Conflict, `approval policy ${policy.id} changed meanwhile; reload it`, { policyId: policy.id });
  }

  async remove(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: keyOf(id) })).deletedCount === 1;
  }
}
