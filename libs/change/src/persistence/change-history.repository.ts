import { collectionIndexes, index } from '@itsm/platform/persistence';
import type { Connection } from 'mongoose';
import { FailedChangeHistory } from '../application/ports/risk-stores.port';
import type { FailedChange } from '../domain/risk';

interface FailedDocument {
  id: string;
  number: string;
  actualEnd: Date;
}

/**
 * The `recent_failed_changes` risk rule's read of the change store: changes closed failed or backed
 * out on any of the CIs since an instant (by their actual end), through its own index on `changes`.
 */
export class ChangeHistoryRepository extends FailedChangeHistory {
  static readonly indexes = [collectionIndexes('changes', [index({ configurationItemIds: 1, closeCode: 1, actualEnd: -1 })])];

  constructor(private readonly connection: Connection) {
    super();
  }

  async closedFailedOn(ciIds: readonly string[], since: Date, exceptChangeId: string): Promise<readonly FailedChange[]> {
    const documents = await this.connection
      .collection<FailedDocument>('changes')
      .find(
        { configurationItemIds: { $in: [...ciIds] }, closeCode: { $in: ['failed', 'backed_out'] }, actualEnd: { $gte: since } },
        { projection: { id: 1, number: 1, actualEnd: 1 } },
      )
      .sort({ actualEnd: -1 })
      .limit(1_000)
      .toArray();
    return documents.filter((d) => d.id !== exceptChangeId).map((d) => ({ changeId: d.id, number: d.number, closedAt: new Date(d.actualEnd) }));
  }
}
