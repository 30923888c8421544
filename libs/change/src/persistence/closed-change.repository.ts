import { applyOnce, collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import type { ChangeModel, ClosedChange, CloseCode } from '../domain';
import type { AppliedEvent, ClosedChangeStore } from '../application/ports/projection-stores.port';

interface ClosedChangeDocument {
  _id: Types.ObjectId;
  key: string;
  model: ChangeModel;
  assignmentGroupId: string | null;
  serviceIds: string[];
  closeCode: CloseCode;
  closedAt: Date;
}

const CLOSED_CHANGES = 'closed_changes';
const closedChangeId = (id: string): Types.ObjectId => objectIdFromKey('closed-change', id);

/**
 * Closed changes with their outcome (from the change context's own `state-changed` events to
 * `closed`): what the success score reads per period, recorded once per change event.
 */
export class ClosedChangeRepository implements ClosedChangeStore {
  /** The period's closed changes, in closing order. */
  static readonly indexes = [collectionIndexes(CLOSED_CHANGES, [index({ closedAt: 1 })])];

  constructor(private readonly connection: Connection) {}

  private get closed() {
    return this.connection.collection<ClosedChangeDocument>(CLOSED_CHANGES);
  }

  apply(closed: ClosedChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    const { changeId, model, assignmentGroupId, serviceIds, closeCode, closedAt } = closed;
    return applyOnce(this.closed, closedChangeId(changeId), event, { $set: { key: changeId, model, assignmentGroupId, serviceIds: [...serviceIds], closeCode, closedAt } });
  }

  async closedBetween(from: Date, to: Date, limit: number): Promise<readonly ClosedChange[]> {
    const docs = await this.closed.find({ closedAt: { $gte: from, $lt: to } }).sort({ closedAt: 1 }).limit(limit).toArray();
    return docs.map((d) => ({ changeId: d.key, model: d.model, assignmentGroupId: d.assignmentGroupId, serviceIds: d.serviceIds, closeCode: d.closeCode, closedAt: d.closedAt }));
  }
}
