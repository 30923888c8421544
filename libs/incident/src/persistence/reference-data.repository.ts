import { collectionIndexes, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import type { PriorityMatrix } from '../domain';
import { DEFAULT_PRIORITY_MATRIX, toPriorityMatrix } from '../domain';

export interface PriorityMatrixSetting {
  readonly matrix: PriorityMatrix;
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: Date | null;
}

interface MatrixDocument { _id: Types.ObjectId; cells: number[][]; version: number; updatedBy: string; updatedAt: Date }

const MATRIX_ID = objectIdFromKey('incident-settings', 'priority-matrix');

/**
 * The incident context's own settings: the priority matrix, one document keyed by a deterministic
 * ObjectId (organisations and assignment groups are the directory's: DirectoryProjectionRepository).
 */
export class ReferenceDataRepository {
  /** Read by `_id` only. */
  static readonly indexes = [collectionIndexes('settings', [])];

  constructor(private readonly connection: Connection) {}

  private get settings() {
    return this.connection.collection<MatrixDocument>('settings');
  }

  async priorityMatrix(): Promise<PriorityMatrixSetting> {
    const d = await this.settings.findOne({ _id: MATRIX_ID });
    if (!d) return { matrix: DEFAULT_PRIORITY_MATRIX, version: 0, updatedBy: null, updatedAt: null };
    return { matrix: toPriorityMatrix(d.cells), version: d.version, updatedBy: d.updatedBy, updatedAt: d.updatedAt };
  }

  /** Replaces the matrix if it is still at `expectedVersion` (optimistic); false when someone else changed it. */
  async replacePriorityMatrix(matrix: PriorityMatrix, expectedVersion: number, by: string, at: Date): Promise<boolean> {
    const cells = matrix.map((row) => [...row]);
    if (expectedVersion === 0) {
      try {
        await this.settings.insertOne({ _id: MATRIX_ID, cells, version: 1, updatedBy: by, updatedAt: at });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    }
    const result = await this.settings.updateOne({ _id: MATRIX_ID, version: expectedVersion }, { $set: { cells, updatedBy: by, updatedAt: at }, $inc: { version: 1 } });
    return result.matchedCount === 1;
  }
}
