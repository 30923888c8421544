import type { Page } from '@itsm/platform/graphql';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { EndpointEvent, NotificationEndpoint } from '../../domain/endpoints';
import { NotificationEndpointStore } from '../ports/endpoint-store.port';
import type { ActiveEndpoints } from '../ports/endpoint-store.port';
import type { StoredEndpoint } from '../ports/endpoint-store.port';

/** NotificationEndpointStore and ActiveEndpoints in memory, for unit specs (versions checked like the Mongo one). */
export class InMemoryEndpointStore extends NotificationEndpointStore implements ActiveEndpoints {
  readonly stored = new Map<string, StoredEndpoint>();
  /** The events saved with the changes, in order (what the outbox would publish). */
  readonly events: EndpointEvent[] = [];

  async get(id: string): Promise<StoredEndpoint | null> {
    return this.stored.get(id) ?? null;
  }

  async save(endpoint: NotificationEndpoint, expectedVersion: number | null, events: readonly EndpointEvent[] = []): Promise<void> {
    const current = this.stored.get(endpoint.id);
    if ((current?.version ?? null) !== expectedVersion) throw new PersistenceError(PersistenceErrorCode.Conflict, `endpoint ${endpoint.id} changed`);
    this.stored.set(endpoint.id, { endpoint, version: (expectedVersion ?? 0) + 1 });
    this.events.push(...events);
  }

  async page(first: number, after: string | null): Promise<Page<NotificationEndpoint>> {
    const all = [...this.stored.values()].map((s) => s.endpoint).sort((a, b) => a.id.localeCompare(b.id)).filter((e) => after === null || e.id > after);
    return { items: all.slice(0, first), hasNextPage: all.length > first };
  }

  async missing(ids: readonly string[]): Promise<readonly string[]> {
    return ids.filter((id) => !this.stored.has(id));
  }

  async isActive(endpointId: string): Promise<boolean> {
    return this.stored.get(endpointId)?.endpoint.state.kind === 'active';
  }
}
