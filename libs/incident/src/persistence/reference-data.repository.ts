import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import type { GroupRef, OrganisationKind, PriorityMatrix } from '../domain';
import { DEFAULT_PRIORITY_MATRIX, toPriorityMatrix } from '../domain';

export type { OrganisationKind } from '../domain';

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
}

export interface AssignmentGroup extends GroupRef {
  readonly name: string;
  readonly orgId: string;
}

export interface PriorityMatrixSetting {
  readonly matrix: PriorityMatrix;
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: Date | null;
}

interface OrganisationDocument { _id: Types.ObjectId; key: string; name: string; kind: OrganisationKind }
interface GroupDocument { _id: Types.ObjectId; key: string; name: string; orgId: string; members: string[] }
interface MatrixDocument { _id: Types.ObjectId; cells: number[][]; version: number; updatedBy: string; updatedAt: Date }

const MATRIX_ID = objectIdFromKey('incident-settings', 'priority-matrix');

/**
 * Reference data of the incident context: organisations (internal, customers, suppliers), assignment
 * groups (each belongs to one organisation; a supplier's groups make its tickets visible to it) and
 * the priority matrix. Keyed by deterministic ObjectIds from their natural keys, so creation is
 * idempotent and unique on `_id` alone.
 */
export class ReferenceDataRepository {
  /** Lists in key order (all, or one organisation's groups); everything else by `_id`. */
  static readonly indexes = [
    collectionIndexes('organisations', [index({ key: 1 })]),
    collectionIndexes('assignment_groups', [index({ key: 1 }), index({ orgId: 1, key: 1 })]),
    collectionIndexes('settings', []),
  ];

  constructor(private readonly connection: Connection) {}

  private get organisations() {
    return this.connection.collection<OrganisationDocument>('organisations');
  }

  private get groups() {
    return this.connection.collection<GroupDocument>('assignment_groups');
  }

  private get settings() {
    return this.connection.collection<MatrixDocument>('settings');
  }

  async upsertOrganisation(org: Organisation): Promise<void> {
    await this.organisations.updateOne(
      { _id: objectIdFromKey('organisation', org.id) },
      { $set: { key: org.id, name: org.name, kind: org.kind } },
      { upsert: true },
    );
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    const d = await this.organisations.findOne({ _id: objectIdFromKey('organisation', id) });
    return d ? { id: d.key, name: d.name, kind: d.kind } : undefined;
  }

  async listOrganisations(): Promise<Organisation[]> {
    const docs = await this.organisations.find({}).sort({ key: 1 }).limit(1_000).toArray();
    return docs.map((d) => ({ id: d.key, name: d.name, kind: d.kind }));
  }

  async upsertGroup(group: AssignmentGroup): Promise<void> {
    await this.groups.updateOne(
      { _id: objectIdFromKey('assignment-group', group.id) },
      { $set: { key: group.id, name: group.name, orgId: group.orgId, members: [...new Set(group.members)] } },
      { upsert: true },
    );
  }

  async group(id: string): Promise<AssignmentGroup | undefined> {
    const d = await this.groups.findOne({ _id: objectIdFromKey('assignment-group', id) });
    return d ? { id: d.key, name: d.name, orgId: d.orgId, members: d.members } : undefined;
  }

  async listGroups(orgId?: string): Promise<AssignmentGroup[]> {
    const docs = await this.groups.find(orgId === undefined ? {} : { orgId: { $eq: orgId } }).sort({ key: 1 }).limit(1_000).toArray();
    return docs.map((d) => ({ id: d.key, name: d.name, orgId: d.orgId, members: d.members }));
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
