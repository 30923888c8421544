import type { Page } from '@itsm/platform/graphql';
import type { EndpointEvent, NotificationEndpoint } from '../../domain/endpoints';

/** An endpoint as stored, with the version a change must still find (optimistic concurrency). */
export interface StoredEndpoint {
  readonly endpoint: NotificationEndpoint;
  readonly version: number;
}

/** The configured endpoints (admin records, secrets included: they sign, so they are kept readable here and never shown). */
export abstract class NotificationEndpointStore {
  abstract get(id: string): Promise<StoredEndpoint | null>;
  /**
   * Writes an endpoint: a new one (`expectedVersion` null; an existing id is a PersistenceError
   * conflict) or a change of the version read (another writer since: a PersistenceError conflict),
   * with the events the change decided in the same write (published from the endpoint's outbox).
   */
  abstract save(endpoint: NotificationEndpoint, expectedVersion: number | null, events?: readonly EndpointEvent[]): Promise<void>;
  /** Endpoints by name (then id), after the cursor key `after`. */
  abstract page(first: number, after: string | null): Promise<Page<NotificationEndpoint>>;
  /** The ids among `ids` no endpoint has. */
  abstract missing(ids: readonly string[]): Promise<readonly string[]>;
}

/** Whether an endpoint may be sent to now, for the delivery part: a disabled one's notices are suppressed ('endpoint_disabled'). */
export abstract class ActiveEndpoints {
  /** False for a disabled endpoint and for an id no endpoint has. */
  abstract isActive(endpointId: string): Promise<boolean>;
}
