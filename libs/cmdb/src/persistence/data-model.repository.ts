import { collectionIndexes, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import type { CiClass, DiscoverySource, RelationshipType } from '../domain';

export type DataModelEntryKind = 'class' | 'relationship_type' | 'source';
type BodyOf<K extends DataModelEntryKind> = K extends 'class' ? CiClass : K extends 'relationship_type' ? RelationshipType : DiscoverySource;

interface DataModelEntryDocument {
  _id: Types.ObjectId;
  kind: DataModelEntryKind;
  id: string;
  body: CiClass | RelationshipType | DiscoverySource;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

export interface StoredDataModel {
  readonly classes: CiClass[];
  readonly relationshipTypes: RelationshipType[];
  readonly sources: DiscoverySource[];
  /** Changes whenever any entry does (replicas compare it to reload). */
  readonly revision: string;
}

/** Classes, relationship types and discovery sources: one versioned document each. */
export class DataModelRepository {
  /** Entries are written by `_id`; the data model is read whole. */
  static readonly indexes = [
    collectionIndexes('cmdb_catalog', [], [{ shape: 'find {} sort { kind: 1, id: 1 }', reason: 'load: the data model is read whole (classes, relationship types, sources: hundreds at most) on start and on each change' }]),
  ];

  private readonly collection: Collection<DataModelEntryDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<DataModelEntryDocument>('cmdb_catalog');
  }

  async load(): Promise<StoredDataModel> {
    const documents = await this.collection.find({}).sort({ kind: 1, id: 1 }).toArray();
    const of = <K extends DataModelEntryKind>(kind: K) => documents.filter((d) => d.kind === kind).map((d) => ({ ...(d.body as BodyOf<K>), version: d.version }));
    return {
      classes: of('class'),
      relationshipTypes: of('relationship_type'),
      // Sources saved before feed signing have no keys: their feed records are refused until an admin sets some.
      sources: of('source').map((source) => ({ ...source, verificationKeys: source.verificationKeys ?? [] })),
      revision: documents.map((d) => `${d.kind}:${d.id}:${d.version}`).join(','),
    };
  }

  /** Writes an entry unless it exists (the core library at start; every replica may race to it). */
  async seed<K extends DataModelEntryKind>(kind: K, body: BodyOf<K>, at: Date): Promise<void> {
    try {
      await this.collection.insertOne({ _id: objectIdFromKey('cmdb-catalog', kind, body.id), kind, id: body.id, body, version: 1, updatedBy: 'system', updatedAt: at });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /**
   * Saves an entry at `expectedVersion` (0: it must be new). False when someone else saved it
   * meanwhile (or created it first).
   */
  async save<K extends DataModelEntryKind>(kind: K, body: BodyOf<K>, expectedVersion: number, by: string, at: Date): Promise<boolean> {
    const _id = objectIdFromKey('cmdb-catalog', kind, body.id);
    const version = expectedVersion + 1;
    if (expectedVersion === 0) {
      try {
        await this.collection.insertOne({ _id, kind, id: body.id, body: { ...body, version }, version, updatedBy: by, updatedAt: at });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    }
    const result = await this.collection.updateOne({ _id, version: expectedVersion }, { $set: { body: { ...body, version }, version, updatedBy: by, updatedAt: at } });
    return result.matchedCount === 1;
  }
}
