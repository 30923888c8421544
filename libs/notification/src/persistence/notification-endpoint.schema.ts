import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { EndpointChannel } from '../domain';
import type { BrokenRun, EndpointState, NotificationEndpoint, WebhookSecret } from '../domain/endpoints';

/**
 * One endpoint (`notification_endpoints`), its outbox beside it (its `endpoint-disabled` events).
 * `version` is the endpoint's optimistic version; `_v` (the outbox's) is kept equal by every write.
 * Documents kept before owners were have no `owner` or `contact`: read as none.
 */
export interface EndpointDocument {
  id: string;
  name: string;
  channel: EndpointChannel;
  url: string;
  secrets: WebhookSecret[];
  state: EndpointState;
  broken: BrokenRun | null;
  owner?: string | null;
  contact?: string | null;
  /** Lower-cased name, NUL, id: the list's order and cursor. */
  sortKey: string;
  version: number;
}

export const endpointSchema = new Schema<EndpointDocument>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    channel: { type: String, required: true },
    url: { type: String, required: true },
    secrets: { type: [{}], default: [] },
    state: { type: {}, required: true },
    broken: { type: {}, default: null },
    owner: { type: String, default: null },
    contact: { type: String, default: null },
    sortKey: { type: String, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'notification_endpoints', id: false },
);
endpointSchema.plugin(aggregateDocumentPlugin);
// The admins' list, by name then id (its cursor).
endpointSchema.index({ sortKey: 1 });

/** The cursor key of an endpoint in the list (by name, then id). */
export const endpointSortKey = (endpoint: Pick<NotificationEndpoint, 'name' | 'id'>): string => `${endpoint.name.toLowerCase()}\u0000${endpoint.id}`;

export function endpointOfDocument(d: EndpointDocument): NotificationEndpoint {
  return { id: d.id, name: d.name, channel: d.channel, url: d.url, secrets: d.secrets, state: d.state, broken: d.broken, owner: d.owner ?? null, contact: d.contact ?? null };
}
