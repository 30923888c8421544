import type { Page } from '@itsm/platform/graphql';
import { collectionIndexes, index, isDuplicateKeyError, objectIdFromKey, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import type { BrokenRun, EndpointState, NotificationEndpoint, WebhookSecret } from '../domain/endpoints';
import type { EndpointChannel } from '../domain';
import { NotificationEndpointStore } from '../application/ports/endpoint-store.port';
import type { ActiveEndpoints } from '../application/ports/endpoint-store.port';
import type { StoredEndpoint } from '../application/ports/endpoint-store.port';
import type { KnownEndpoints } from '../application/ports/endpoint-sender.port';

interface EndpointDocument {
  _id: Types.ObjectId;
  id: string;
  name: string;
  channel: EndpointChannel;
  url: string;
  secrets: WebhookSecret[];
  state: EndpointState;
  broken: BrokenRun | null;
  /** Lower-cased name, NUL, id: the list's order and cursor. */
  sortKey: string;
  version: number;
}

const COLLECTION = 'notification_endpoints';
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('notification-endpoint', id);

/** The cursor key of an endpoint in the list (by name, then id). */
export const endpointSortKey = (endpoint: Pick<NotificationEndpoint, 'name' | 'id'>): string => `${endpoint.name.toLowerCase()}\u0000${endpoint.id}`;

function toEndpoint(d: EndpointDocument): NotificationEndpoint {
  return { id: d.id, name: d.name, channel: d.channel, url: d.url, secrets: d.secrets, state: d.state, broken: d.broken };
}

/** Webhook, Slack and Teams endpoints: admin records, one document each, changed with a version check. */
export class NotificationEndpointRepository extends NotificationEndpointStore implements ActiveEndpoints, KnownEndpoints {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ sortKey: 1 })])];

  private readonly collection: Collection<EndpointDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<EndpointDocument>(COLLECTION);
  }

  async get(id: string): Promise<StoredEndpoint | null> {
    const document = await this.collection.findOne({ _id: keyOf(id) });
    return document === null ? null : { endpoint: toEndpoint(document), version: document.version };
  }

  async save(endpoint: NotificationEndpoint, expectedVersion: number | null): Promise<void> {
    const document: EndpointDocument = {
      _id: keyOf(endpoint.id),
      ...endpoint,
      secrets: endpoint.secrets.map((s) => ({ ...s })),
      sortKey: endpointSortKey(endpoint),
      version: (expectedVersion ?? 0) + 1,
    };
    if (expectedVersion === null) {
      try {
        await this.collection.insertOne(document);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new PersistenceError(PersistenceErrorCode.Conflict, `notification endpoint ${endpoint.id} exists`);
        throw error;
      }
      return;
    }
    const { matchedCount } = await this.collection.replaceOne({ _id: document._id, version: expectedVersion }, document);
    if (matchedCount === 0) throw new PersistenceError(PersistenceErrorCode.Conflict, `notification endpoint ${endpoint.id} changed since version ${expectedVersion}`);
  }

  async page(first: number, after: string | null): Promise<Page<NotificationEndpoint>> {
    const documents = await this.collection
      .find(after === null ? {} : { sortKey: { $gt: after } })
      .sort({ sortKey: 1 })
      .limit(first + 1)
      .toArray();
    return { items: documents.slice(0, first).map(toEndpoint), hasNextPage: documents.length > first };
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
}
