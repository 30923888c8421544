import type { Collection, Connection } from 'mongoose';
import { Types } from 'mongoose';

/** What the calendar's record collections store besides the record's own fields. */
export interface RecordDocument {
  _id: Types.ObjectId;
  version: number;
}

export interface RecordMapper<T, D> {
  toDocument(record: T): Omit<D, '_id'>;
  toDomain(document: D): T;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * Admin records keyed by an ObjectId `_id` (the record's id, 24 hex digits), replaced under an
 * optimistic version: every query is by `_id` or reads the whole (small) collection.
 */
export class VersionedRecords<T extends { id: string }, D extends RecordDocument> {
  private readonly collection: Collection<D>;

  constructor(
    connection: Connection,
    name: string,
    private readonly mapper: RecordMapper<T, D>,
  ) {
    this.collection = connection.collection<D>(name);
  }

  async insert(record: T): Promise<void> {
    await this.collection.insertOne({ ...this.mapper.toDocument(record), _id: new Types.ObjectId(record.id) } as never);
  }

  async replace(record: T, expectedVersion: number): Promise<boolean> {
    if (!OBJECT_ID.test(record.id)) return false;
    const result = await this.collection.replaceOne({ _id: new Types.ObjectId(record.id), version: expectedVersion } as never, this.mapper.toDocument(record) as never);
    return result.matchedCount === 1;
  }

  async remove(id: string): Promise<boolean> {
    if (!OBJECT_ID.test(id)) return false;
    const result = await this.collection.deleteOne({ _id: new Types.ObjectId(id) } as never);
    return result.deletedCount === 1;
  }

  async byId(id: string): Promise<T | undefined> {
    if (!OBJECT_ID.test(id)) return undefined;
    const document = await this.collection.findOne({ _id: new Types.ObjectId(id) } as never);
    return document === null ? undefined : this.mapper.toDomain(document as D);
  }

  async all(): Promise<T[]> {
    return (await this.collection.find({}).toArray()).map((d) => this.mapper.toDomain(d as D));
  }
}
