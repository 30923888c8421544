import type { EventEnvelope } from '@itsm/contracts';
import type { Page } from '@itsm/platform/graphql';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { isDuplicateKeyError, objectIdFromKey, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { StoredDocument } from '@itsm/platform/persistence';
import type { Collection, Model, Types } from 'mongoose';
import type { EndpointEvent, NotificationEndpoint } from '../domain/endpoints';
import { NotificationEndpointStore } from '../application/ports/endpoint-store.port';
import type { ActiveEndpoints } from '../application/ports/endpoint-store.port';
import type { StoredEndpoint } from '../application/ports/endpoint-store.port';
import type { KnownEndpoints } from '../application/ports/endpoint-sender.port';
import { endpointOfDocument, endpointSortKey } from './notification-endpoint.schema';
import type { EndpointDocument } from './notification-endpoint.schema';
import { NOTIFICATION_ENVELOPES } from './notification-envelopes';

export { endpointSortKey } from './notification-endpoint.schema';

const keyOf = (id: string): Types.ObjectId => objectIdFromKey('notification-endpoint', id);

/**
 * Webhook, Slack and Teams endpoints: admin records, one document each, changed with a version
 * check; a change's events go into the document's outbox in the SAME single-document write (the
 * relay publishes them on itsm.notification.v1), so a disabled endpoint without its event, or the
 * event without the disabling, cannot be stored. An event's subject is the endpoint's id (its key),
 * its sequence the version the write makes (rising per endpoint).
 */
export class NotificationEndpointRepository extends NotificationEndpointStore implements ActiveEndpoints, KnownEndpoints {
  private readonly collection: Collection<StoredDocument<EndpointDocument>>;

  constructor(
    model: Model<StoredDocument<EndpointDocument>>,
    private readonly afterCommit: () => void,
  ) {
    super();
    this.collection = model.collection as unknown as Collection<StoredDocument<EndpointDocument>>;
  }

  async get(id: string): Promise<StoredEndpoint | null> {
    const document = await this.collection.findOne({ _id: keyOf(id) }, { projection: { _outbox: 0, _inbox: 0 } });
    return document === null ? null : { endpoint: endpointOfDocument(document), version: document.version };
  }

  async save(endpoint: NotificationEndpoint, expectedVersion: number | null, events: readonly EndpointEvent[] = []): Promise<void> {
    const version = (expectedVersion ?? 0) + 1;
    const envelopes: EventEnvelope[] = aggregateEnvelopes(NOTIFICATION_ENVELOPES, endpoint.id, version - 1, events);
    const fields: EndpointDocument = { ...endpoint, secrets: endpoint.secrets.map((s) => ({ ...s })), sortKey: endpointSortKey(endpoint), version };
    if (expectedVersion === null) await this.insert(fields, envelopes);
    else await this.update(fields, expectedVersion, envelopes);
    if (envelopes.length > 0) this.afterCommit();
  }

  async page(first: number, after: string | null): Promise<Page<NotificationEndpoint>> {
    const documents = await this.collection
      .find(after === null ? {} : { sortKey: { $gt: after } }, { projection: { _outbox: 0, _inbox: 0 } })
      .sort({ sortKey: 1 })
      .limit(first + 1)
      .toArray();
    return { items: documents.slice(0, first).map(endpointOfDocument), hasNextPage: documents.length > first };
  }

  async missing(ids: readonly string[]): Promise<readonly string[]> {
    if (ids.length === 0) return [];
    const found = await this.collection.find({ _id: { $in: ids.map(keyOf) } }, { projection: { id: 1 } }).toArray();
    const known = new Set(found.map((d) => d.id));
    return ids.filter((id) => !known.has(id));
  }

  async isActive(endpointId: string): Promise<boolean> {
    const document = await this.collection.findOne({ _id: keyOf(endpointId) }, { projection: { state: 1 } });
    return document?.state.kind === 'active';
  }

  private async insert(fields: EndpointDocument, envelopes: readonly EventEnvelope[]): Promise<void> {
    const document: StoredDocument<EndpointDocument> = { ...fields, _id: keyOf(fields.id), _v: fields.version, _outbox: [...envelopes], _outboxPending: envelopes.length > 0, _outboxSent: 0 };
    try {
      await this.collection.insertOne(document as never);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new PersistenceError(PersistenceErrorCode.Conflict, `notification endpoint ${fields.id} exists`);
      throw error;
    }
  }

  /** The endpoint's fields replaced, its outbox appended to (events not yet published stay), in one conditional update. */
  private async update(fields: EndpointDocument, expectedVersion: number, envelopes: readonly EventEnvelope[]): Promise<void> {
    const set = { ...fields, _v: fields.version, ...(envelopes.length > 0 ? { _outboxPending: true } : {}) };
    const update = envelopes.length > 0 ? { $set: set, $push: { _outbox: { $each: [...envelopes] } } } : { $set: set };
    const { matchedCount } = await this.collection.updateOne({ _id: keyOf(fields.id), version: expectedVersion }, update as never);
    if (matchedCount === 0) throw new PersistenceError(PersistenceErrorCode.Conflict, `notification endpoint ${fields.id} changed since version ${expectedVersion}`);
  }
}
