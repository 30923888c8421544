import type { DirectoryActor } from '../application/directory-inputs';
import type { DirectoryScope, PeopleQueries } from '../application/ports';
import type { ProvisioningClient } from '../domain';
import { ScimError } from './scim.errors';

/*
 * What a provisioning client may see and write: a client bound to an organisation, that
 * organisation's people and groups only (others answer 404, as if absent); an unbound client
 * (internal staff's identity provider), everything.
 */

export function actorOf(client: ProvisioningClient): DirectoryActor {
  return client.organisationId === null ? { by: `scim:${client.id}` } : { by: `scim:${client.id}`, organisationId: client.organisationId };
}

export function scopeOf(client: ProvisioningClient): DirectoryScope {
  return client.organisationId === null ? {} : { organisationId: client.organisationId };
}

export function canSee(client: ProvisioningClient, record: { readonly organisationId: string | null }): boolean {
  return client.organisationId === null || record.organisationId === client.organisationId;
}

/** Ids per look-up when checking that people exist in the client's scope. */
const IDS_PER_QUERY = 100;

/** Every id names a person the client sees (a manager, group members): 400 invalidValue naming the first that does not. */
export async function requireVisiblePeople(people: PeopleQueries, client: ProvisioningClient, ids: readonly string[], what: string): Promise<void> {
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const batch = ids.slice(start, start + IDS_PER_QUERY);
    const found = await people.find({ or: batch.map((id) => ({ field: 'id' as const, op: 'eq' as const, value: id })) }, { offset: 0, limit: batch.length }, scopeOf(client));
    if (found.total === batch.length) continue;
    const seen = new Set(found.items.map((person) => person.id));
    const missing = batch.find((id) => !seen.has(id)) ?? batch[0];
    throw ScimError.badRequest('invalidValue', `${what} "${missing}" is no person of this directory.`);
  }
}
