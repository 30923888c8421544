import type { DirectoryActor } from '../application/directory-inputs';
import type { DirectoryScope } from '../application/ports';
import type { ProvisioningClient } from '../domain';
import { withinScope } from '../domain';

/*
 * What a provisioning client may see and write: a client bound to an organisation, that
 * organisation's people and groups only (others answer 404, as if absent; the handlers refuse
 * writes beyond it the same way); an unbound client (internal staff's identity provider), everything.
 */

export function actorOf(client: ProvisioningClient): DirectoryActor {
  return client.organisationId === null ? { by: `scim:${client.id}` } : { by: `scim:${client.id}`, organisationId: client.organisationId };
}

export function scopeOf(client: ProvisioningClient): DirectoryScope {
  return client.organisationId === null ? {} : { organisationId: client.organisationId };
}

export function canSee(client: ProvisioningClient, record: { readonly organisationId: string | null }): boolean {
  return withinScope(client.organisationId ?? undefined, record.organisationId);
}
