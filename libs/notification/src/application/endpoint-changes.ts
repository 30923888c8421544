import { retryOnConflict } from '@itsm/platform/persistence';
import type { NotificationEndpoint } from '../domain/endpoints';
import { NotificationErrorCode, notificationError } from '../domain';
import type { NotificationEndpointStore } from './ports/endpoint-store.port';

/**
 * Loads an endpoint, applies `change` and saves it if it changed, again on a fresh read when another
 * writer came first (an admin's rotation racing a 410's disabling). NOTIFICATION.NOT_FOUND for an unknown id.
 */
export async function changeEndpoint(store: NotificationEndpointStore, id: string, change: (endpoint: NotificationEndpoint) => NotificationEndpoint): Promise<NotificationEndpoint> {
  return retryOnConflict(
    async () => {
      const stored = await store.get(id);
      if (stored === null) throw notificationError(NotificationErrorCode.NotFound, `No notification endpoint ${id}.`, { endpointId: id });
      const changed = change(stored.endpoint);
      if (changed !== stored.endpoint) await store.save(changed, stored.version);
      return changed;
    },
    () => notificationError(NotificationErrorCode.Conflict, `Notification endpoint ${id} keeps changing; try again.`, { endpointId: id }),
  );
}
