import { collectionIndexes, index } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Collection, Connection } from 'mongoose';
import { GATE_REASONS } from '../../domain';
import type { GateLogEntry, GateReason } from '../../domain';
import { GateLog } from '../../application/ports';
import type { GateLogFilter, GateLogKey, GateLogPage } from '../../application/ports';

interface GateAnswerDocument {
  _id: Types.ObjectId;
  at: Date;
  tokenId: string;
  pipeline: string;
  ciId: string;
  service: { id: string; environment: string } | null;
  requestedChange: string | null;
  allowed: boolean;
  reason: string;
  message: string;
  changeId: string | null;
  changeNumber: string | null;
  window: { start: Date; end: Date } | null;
}

const COLLECTION = 'change_gate_answers';

const isReason = (value: string): value is GateReason => (GATE_REASONS as readonly string[]).includes(value);

function toEntry(d: GateAnswerDocument): GateLogEntry {
  const { _id, reason, ...rest } = d;
  if (!isReason(reason)) throw new Error(`gate answer ${_id.toHexString()}: unknown reason ${reason}`);
  return { id: _id.toHexString(), reason, ...rest };
}

function toDocument(entry: GateLogEntry): GateAnswerDocument {
  const { id, service, window, ...rest } = entry;
  return { _id: new Types.ObjectId(id), ...rest, service: service === null ? null : { ...service }, window: window === null ? null : { start: window.start, end: window.end } };
}

/**
 * The gate log: every answer the deployment gate gave, append-only, newest first by (at, _id).
 * One index per filter it serves (none, by CI, by change).
 */
export class GateLogRepository extends GateLog {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [index({ at: -1, _id: -1 }), index({ ciId: 1, at: -1, _id: -1 }), index({ changeId: 1, at: -1, _id: -1 })]),
  ];

  private readonly collection: Collection<GateAnswerDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<GateAnswerDocument>(COLLECTION);
  }

  async append(entry: GateLogEntry): Promise<void> {
    await this.collection.insertOne(toDocument(entry));
  }

  async list(filter: GateLogFilter, first: number, after: GateLogKey | undefined): Promise<GateLogPage> {
    const where = {
      ...(filter.ciId === undefined ? {} : { ciId: filter.ciId }),
      ...(filter.changeId === undefined ? {} : { changeId: filter.changeId }),
      ...(after === undefined ? {} : { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: new Types.ObjectId(after.id) } }] }),
    };
    const fetched = await this.collection.find(where).sort({ at: -1, _id: -1 }).limit(first + 1).toArray();
    return { items: fetched.slice(0, first).map(toEntry), hasNextPage: fetched.length > first };
  }
}
