import { collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { EscalationPolicyStore } from '../application/ports/on-call-stores.port';
import type { EscalationPolicy } from '../domain/escalation/escalation-policy';

interface EscalationPolicyDocument extends EscalationPolicy {
  _id: Types.ObjectId;
}

const COLLECTION = 'notification_escalation_policies';
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('escalation-policy', id);

/** Escalation policies, one document each. */
export class EscalationPolicyRepository extends EscalationPolicyStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ id: 1 })])];

  private readonly collection: Collection<EscalationPolicyDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<EscalationPolicyDocument>(COLLECTION);
  }

  async byId(id: string): Promise<EscalationPolicy | null> {
    const document = await this.collection.findOne({ _id: keyOf(id) });
    return document === null ? null : toPolicy(document);
  }

  async save(policy: EscalationPolicy): Promise<void> {
    await this.collection.replaceOne({ _id: keyOf(policy.id) }, { ...toPolicy(policy) }, { upsert: true });
  }

  async list(first: number, afterId: string | null): Promise<readonly EscalationPolicy[]> {
    const filter = afterId === null ? {} : { id: { $gt: afterId } };
    return (await this.collection.find(filter).sort({ id: 1 }).limit(first).toArray()).map(toPolicy);
  }
}

function toPolicy(d: EscalationPolicy): EscalationPolicy {
  return {
    id: d.id,
    name: d.name,
    levels: d.levels.map((l) => ({ targets: l.targets.map((t) => ({ ...t })), delayMinutes: l.delayMinutes, channels: [...l.channels] })),
  };
}
