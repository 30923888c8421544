import type { GroupInput } from '../application/directory-inputs';
import type { Group } from '../domain';
import { ScimError } from './scim.errors';
import { optionalList, optionalText, readAttributes, requiredText, requireObject, valueOf } from './scim-json';
import type { ScimJson } from './scim-json';
import { scimMeta } from './scim-meta';
import { findAttribute, SCIM_GROUP_SCHEMA, SCIM_GROUP_SCHEMAS } from './scim-schemas';

/*
 * A group as a SCIM Group and back. SCIM carries the name, the external id and the members; the
 * kind, organisation, manager and roles come from the group as it is (`GroupKeptFacts`), or the
 * defaults of a group an identity provider creates.
 */

export type GroupKeptFacts = Pick<GroupInput, 'kind' | 'organisationId' | 'managerId' | 'roles'>;

/** `members: false`: without the member list (`excludedAttributes=members`, as Entra ID asks for large groups). */
export function toScimGroup(group: Group, baseUrl: string, options: { readonly members: boolean } = { members: true }): ScimJson {
  return {
    schemas: [SCIM_GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId === null ? {} : { externalId: group.externalId }),
    displayName: group.name,
    ...(options.members ? { members: group.memberIds.map((id) => ({ value: id, $ref: `${baseUrl}/Users/${id}`, type: 'User' })) } : {}),
    meta: scimMeta('Group', group, `${baseUrl}/Groups/${group.id}`),
  };
}

/** A SCIM Group body (POST, PUT) as the group's attributes: 400 invalidSyntax for a non-Group, invalidValue for an unknown attribute or a wrong value. */
export function groupInputFromScim(body: unknown, kept: GroupKeptFacts): GroupInput {
  const group = requireObject(body, 'A Group');
  requireGroupSchema(valueOf(group, 'schemas'));
  const read = readAttributes(group, SCIM_GROUP_SCHEMAS.core.attributes, 'the Group', (key) => key.toLowerCase() === 'schemas');
  return {
    name: requiredText(read.get('displayName'), 'displayName'),
    kind: kept.kind,
    organisationId: kept.organisationId,
    managerId: kept.managerId,
    roles: kept.roles,
    memberIds: memberIdsOf(read.get('members'), 'members'),
    externalId: optionalText(read.get('externalId'), 'externalId'),
  };
}

function requireGroupSchema(schemas: unknown): void {
  if (!Array.isArray(schemas) || !schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === SCIM_GROUP_SCHEMA.toLowerCase())) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must name ${SCIM_GROUP_SCHEMA}.`);
  }
  const unknown: unknown = schemas.find((urn) => typeof urn !== 'string' || urn.toLowerCase() !== SCIM_GROUP_SCHEMA.toLowerCase());
  if (unknown !== undefined) throw ScimError.badRequest('invalidValue', `Unknown schema "${String(unknown)}".`);
}

const MEMBER_ATTRIBUTES = findAttribute(SCIM_GROUP_SCHEMAS.core.attributes, 'members')?.subAttributes ?? [];

/** Member person ids of a `members` value (`[{ "value": id }]` or one such object), without duplicates. Groups of groups: 400 invalidValue. */
export function memberIdsOf(value: unknown, where: string): readonly string[] {
  const ids = optionalList(value, where).map((item, index) => {
    const member = readAttributes(requireObject(item, `${where}[${index}]`, 'invalidValue'), MEMBER_ATTRIBUTES, `${where}[${index}]`);
    const type = optionalText(member.get('type'), `${where}[${index}].type`);
    if (type !== null && type.toLowerCase() !== 'user') throw ScimError.badRequest('invalidValue', 'A member is a User (groups of groups are not supported).');
    return requiredText(member.get('value'), `${where}[${index}].value`);
  });
  return [...new Set(ids)];
}
