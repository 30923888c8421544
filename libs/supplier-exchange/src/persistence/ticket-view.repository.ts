import { collectionIndexes, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { TicketViewStore } from '../application/ports/supplier-exchange-stores.port';
import type { TicketView } from '../domain';

interface TicketViewDocument {
  _id: Types.ObjectId;
  view: TicketView;
  /** The view's last incident sequence, beside it for the write's guard. */
  sequence: number;
}

const COLLECTION = 'supplier_ticket_views';
const keyOf = (ticketId: string): Types.ObjectId => objectIdFromKey('supplier-ticket-view', ticketId);

/** One document per incident, `_id` from its id; a write at or below the stored sequence changes nothing. */
export class TicketViewRepository extends TicketViewStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [])];

  private readonly collection: Collection<TicketViewDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<TicketViewDocument>(COLLECTION);
  }

  async get(ticketId: string): Promise<TicketView | null> {
    const document = await this.collection.findOne({ _id: keyOf(ticketId) });
    return document === null ? null : document.view;
  }

  async save(view: TicketView): Promise<'saved' | 'stale'> {
    const _id = keyOf(view.id);
    try {
      const result = await this.collection.updateOne({ _id, $or: [{ sequence: { $exists: false } }, { sequence: { $lt: view.sequence } }] }, { $set: { view, sequence: view.sequence } }, { upsert: true });
      return result.modifiedCount + result.upsertedCount > 0 ? 'saved' : 'stale';
    } catch (error) {
      // The view exists at this sequence or a later one: the upsert hit its _id.
      if (isDuplicateKeyError(error)) return 'stale';
      throw error;
    }
  }
}
