import { retryOnConflict } from '@itsm/platform/persistence';
import type { EndpointDecision, NotificationEndpoint } from '../domain/endpoints';
import { NotificationErrorCode, notificationError } from '../domain';
import type { NotificationEndpointStore } from './ports/endpoint-store.port';

/**
 * Loads an endpoint, applies `change` and saves it if it changed, with the events it decided (one
 * write: both or neither), again on a fresh read when another writer came first (an admin's
 * rotation racing a 410's disabling: the retry decides again, so a disabling already saved decides
 * nothing twice). NOTIFICATION.NOT_FOUND for an unknown id.
 */
export async function changeEndpoint(store: NotificationEndpointStore, id: string, change: (endpoint: NotificationEndpoint) => NotificationEndpoint | EndpointDecision): Promise<NotificationEndpoint> {
  return retryOnConflict(
    async () => {
      const stored = await store.get(id);
      if (stored === null) throw notificationError(NotificationErrorCode.NotFound, `No notification endpoint ${id}.`, { endpointId: id });
      const decided = change(stored.endpoint);
      const { endpoint: changed, events } = 'events' in decided ? decided : { endpoint: decided, events: [] };
      if (changed !== stored.endpoint || events.length > 0) await store.save(changed, stored.version, events);
      return changed;
    },
    () => notificationError(NotificationErrorCode.Conflict, `Notification endpoint ${id} keeps changing; try again.`, { endpointId: id }),
  );
}
