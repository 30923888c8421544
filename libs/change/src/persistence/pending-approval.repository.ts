import { collectionIndexes, index } from '@itsm/platform/persistence';
import type { Collection, Connection } from 'mongoose';
import type { ChangePage } from '../application/ports/change-store.port';
import { PendingApprovalReads } from '../application/ports/pending-approvals.port';
import { changeOfDocument } from './change.mapper';
import type { ChangeDocument } from './change.schema';

const COLLECTION = 'changes';

/**
 * "My pending approvals": the change documents' `awaitingApproverIds` (the undecided approvers of
 * the pending levels, kept by the mapper in the same write as the approval) under one multikey index.
 */
export class PendingApprovalRepository extends PendingApprovalReads {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ awaitingApproverIds: 1, seq: -1 })])];

  private readonly collection: Collection<ChangeDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<ChangeDocument>(COLLECTION);
  }

  async awaiting(personIds: readonly string[], first: number, afterSeq: number | undefined): Promise<ChangePage> {
    if (personIds.length === 0) return { items: [], hasNextPage: false };
    const filter = { awaitingApproverIds: { $in: [...personIds] }, ...(afterSeq === undefined ? {} : { seq: { $lt: afterSeq } }) };
    const documents = await this.collection
      .find(filter, { projection: { _outbox: 0, audit: 0 } })
      .sort({ seq: -1 })
      .limit(first + 1)
      .toArray();
    return { items: documents.slice(0, first).map((d) => changeOfDocument(d as ChangeDocument)), hasNextPage: documents.length > first };
  }
}
