import type { RecordHeaders } from '@itsm/contracts';
import type { InProcessBusJournal, JournaledPartition, JournaledPosition, StoredRecord } from '@itsm/platform/messaging';
import { objectIdFromKey } from '@itsm/platform/persistence';
import { mongo } from 'mongoose';
import type { Connection } from 'mongoose';

type HeaderValue = string | mongo.Binary;

interface RecordDocument {
  _id: mongo.ObjectId;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: mongo.Binary | null;
  /** As pairs: header names are not safe as MongoDB field names. */
  headers: { name: string; value: HeaderValue | HeaderValue[] }[];
}

interface PositionDocument extends JournaledPosition {
  _id: mongo.ObjectId;
}

const RECORDS = 'bus_records';
const POSITIONS = 'bus_positions';

function toBinary(value: Buffer | string): HeaderValue {
  return typeof value === 'string' ? value : new mongo.Binary(value);
}

function fromBinary(value: HeaderValue): Buffer | string {
  return typeof value === 'string' ? value : Buffer.from(value.buffer);
}

function toDocument(topic: string, partition: number, offset: number, record: StoredRecord): RecordDocument {
  const headers: RecordDocument['headers'] = [];
  for (const [name, value] of Object.entries(record.headers)) {
    if (value !== undefined) headers.push({ name, value: Array.isArray(value) ? value.map(toBinary) : toBinary(value) });
  }
  return {
    _id: objectIdFromKey('bus-record', topic, String(partition), String(offset)),
    topic,
    partition,
    offset,
    key: record.key,
    value: record.value === null ? null : new mongo.Binary(record.value),
    headers,
  };
}

function toRecord(document: RecordDocument): StoredRecord {
  const headers: RecordHeaders = {};
  for (const { name, value } of document.headers) headers[name] = Array.isArray(value) ? value.map(fromBinary) : fromBinary(value);
  return { key: document.key, value: document.value === null ? null : Buffer.from(document.value.buffer), headers };
}

/**
 * The all-in-one's in-process bus journal in MongoDB (`<prefix>_platform`: `bus_records`,
 * `bus_positions`): the embedded server snapshots it with the contexts' data at one instant, so a
 * restart finds every record whose publish was answered and every group's committed position, and
 * no position past an effect the snapshot does not hold.
 */
export class MongoBusJournal implements InProcessBusJournal {
  constructor(private readonly connection: Connection) {}

  private get db(): mongo.Db {
    const db = this.connection.db;
    if (db === undefined) throw new Error('the bus journal connection is not open');
    return db;
  }

  async load(): Promise<{ partitions: JournaledPartition[]; positions: JournaledPosition[] }> {
    const records = this.db.collection<RecordDocument>(RECORDS);
    await records.createIndex({ topic: 1, partition: 1, offset: 1 });
    const documents = await records.find({}).sort({ topic: 1, partition: 1, offset: 1 }).toArray();
    const partitions: { topic: string; partition: number; base: number; records: StoredRecord[] }[] = [];
    for (const document of documents) {
      const last = partitions.at(-1);
      if (last !== undefined && last.topic === document.topic && last.partition === document.partition) {
        // Appends are sequential, so a snapshot holds a gap-free run; anything past a gap was never answered.
        if (document.offset === last.base + last.records.length) last.records.push(toRecord(document));
      } else {
        partitions.push({ topic: document.topic, partition: document.partition, base: document.offset, records: [toRecord(document)] });
      }
    }
    const positions = await this.db.collection<PositionDocument>(POSITIONS).find({}).toArray();
    return { partitions, positions: positions.map(({ group, topic, partition, position }) => ({ group, topic, partition, position })) };
  }

  async append(topic: string, partition: number, offset: number, records: readonly StoredRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.collection<RecordDocument>(RECORDS).bulkWrite(
      records.map((record, index) => {
        const document = toDocument(topic, partition, offset + index, record);
        return { replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true } };
      }),
      { ordered: true },
    );
  }

  async commit(position: JournaledPosition): Promise<void> {
    const { group, topic, partition } = position;
    await this.db
      .collection<PositionDocument>(POSITIONS)
      .updateOne({ _id: objectIdFromKey('bus-position', group, topic, String(partition)) }, { $set: { group, topic, partition, position: position.position } }, { upsert: true });
  }

  async truncate(topic: string, partition: number, offset: number): Promise<void> {
    await this.db.collection<RecordDocument>(RECORDS).deleteMany({ topic, partition, offset: { $lt: offset } });
  }
}
