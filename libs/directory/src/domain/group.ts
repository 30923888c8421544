import { ENTITY_ID, MAX_GROUP_MEMBERS, MAX_ROLES, MEMBER_BATCH_SIZE, REFERENCE_KEY, ROLE_NAME } from './directory-keys';
import { invalidInput, normaliseRoles, optionalKey, optionalText, requiredText } from './directory-text';
import { DirectoryError, DirectoryErrorCode } from './directory.errors';
import { groupSavedEvent } from './directory.events';
import type { DirectoryEvent } from './directory.events';
import { GROUP_KINDS } from './directory.model';
import type { Group } from './directory.model';
import type { Decided } from './person';

/** A group's attributes and whole member list as a writer states them. */
export type GroupAttributes = Omit<Group, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

/** A group as stored: a deleted group stays as a tombstone without members (its events leave from its document). */
export interface GroupRecord extends Group {
  readonly deleted: boolean;
}

/** Person ids, each once in first-seen order, each an id; DIRECTORY.TOO_MANY over `max`. */
export function memberIdsOf(ids: readonly string[], field: string, max = MAX_GROUP_MEMBERS): string[] {
  const unique = [...new Set(ids)];
  for (const id of unique) if (!ENTITY_ID.test(id)) throw invalidInput(field, `"${id}" is not a person id`);
  if (unique.length > max) throw new DirectoryError(DirectoryErrorCode.TooMany, `a group has at most ${max} members`, { field, max });
  return unique;
}

/** A group's attributes checked and normalised, or DIRECTORY.INVALID_INPUT / TOO_MANY. */
export function normaliseGroup(input: GroupAttributes): GroupAttributes {
  if (!GROUP_KINDS.includes(input.kind)) throw invalidInput('kind', `kind is one of ${GROUP_KINDS.join(', ')}`);
  return {
    name: requiredText(input.name, 'name', 200),
    kind: input.kind,
    organisationId: optionalKey(input.organisationId, 'organisationId', REFERENCE_KEY, 'an organisation id'),
    managerId: optionalKey(input.managerId, 'managerId', ENTITY_ID, 'a person id'),
    roles: normaliseRoles(input.roles, 'roles', ROLE_NAME, MAX_ROLES),
    memberIds: memberIdsOf(input.memberIds, 'memberIds'),
    externalId: optionalText(input.externalId, 'externalId', 254),
  };
}

/** members-added / members-removed events of at most MEMBER_BATCH_SIZE ids each, in order. */
export function memberEvents(kind: 'added' | 'removed', groupId: string, personIds: readonly string[], by: string, at: string): DirectoryEvent[] {
  const events: DirectoryEvent[] = [];
  for (let start = 0; start < personIds.length; start += MEMBER_BATCH_SIZE) {
    const batch = personIds.slice(start, start + MEMBER_BATCH_SIZE);
    events.push({ type: kind === 'added' ? 'itsm.directory.group-members-added.v1' : 'itsm.directory.group-members-removed.v1', data: { groupId, personIds: batch, by, at } });
  }
  return events;
}

/** A new group: group-saved (its member count after this write), then its members in batches. */
export function createGroup(id: string, attributes: GroupAttributes, by: string, at: Date): Decided<GroupRecord> {
  const group: GroupRecord = { id, ...attributes, createdAt: at, updatedAt: at, version: 1, deleted: false };
  const when = at.toISOString();
  return { aggregate: group, events: [groupSavedEvent(group, by, when), ...memberEvents('added', id, group.memberIds, by, when)] };
}

function attributesChanged(current: Group, next: Group): boolean {
  const { memberIds: _a, createdAt: _b, updatedAt: _c, version: _d, ...left } = current;
  const { memberIds: _e, createdAt: _f, updatedAt: _g, version: _h, ...right } = next;
  return JSON.stringify(left) !== JSON.stringify(right);
}

/** The group with `next`'s attributes and members: group-saved when an attribute changed, then the removed and added members in batches. */
function decideGroup(current: GroupRecord, attributes: GroupAttributes, by: string, at: Date): Decided<GroupRecord> {
  const had = new Set(current.memberIds);
  const has = new Set(attributes.memberIds);
  const removed = current.memberIds.filter((id) => !has.has(id));
  const added = attributes.memberIds.filter((id) => !had.has(id));
  const next: GroupRecord = { ...current, ...attributes, updatedAt: at, version: current.version + 1 };
  const saved = attributesChanged(current, next);
  if (!saved && removed.length === 0 && added.length === 0) return { aggregate: current, events: [] };
  const when = at.toISOString();
  return {
    aggregate: next,
    events: [...(saved ? [groupSavedEvent(next, by, when)] : []), ...memberEvents('removed', current.id, removed, by, when), ...memberEvents('added', current.id, added, by, when)],
  };
}

/** Every attribute and the whole member list replaced (SCIM PUT). Members keep their joining order. */
export function replaceGroup(current: GroupRecord, attributes: GroupAttributes, by: string, at: Date): Decided<GroupRecord> {
  const has = new Set(attributes.memberIds);
  const kept = current.memberIds.filter((id) => has.has(id));
  const keptSet = new Set(kept);
  return decideGroup(current, { ...attributes, memberIds: [...kept, ...attributes.memberIds.filter((id) => !keptSet.has(id))] }, by, at);
}

/**
 * Members added and removed without restating the rest (adding a member twice or removing an absent
 * one changes nothing), and optionally a new name, in one decision. An id both added and removed is
 * DIRECTORY.INVALID_INPUT; more than MAX_GROUP_MEMBERS members DIRECTORY.TOO_MANY.
 */
export function changeGroupMembers(current: GroupRecord, add: readonly string[], remove: readonly string[], rename: string | undefined, by: string, at: Date): Decided<GroupRecord> {
  const adding = memberIdsOf(add, 'add', Number.MAX_SAFE_INTEGER);
  const removing = new Set(memberIdsOf(remove, 'remove', Number.MAX_SAFE_INTEGER));
  const both = adding.find((id) => removing.has(id));
  if (both !== undefined) throw invalidInput('add', `person ${both} is both added and removed`);
  const kept = current.memberIds.filter((id) => !removing.has(id));
  const keptSet = new Set(kept);
  const memberIds = [...kept, ...adding.filter((id) => !keptSet.has(id))];
  if (memberIds.length > MAX_GROUP_MEMBERS) throw new DirectoryError(DirectoryErrorCode.TooMany, `a group has at most ${MAX_GROUP_MEMBERS} members`, { field: 'add', max: MAX_GROUP_MEMBERS });
  const name = rename === undefined ? current.name : requiredText(rename, 'name', 200);
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, deleted: _d, ...attributes } = current;
  return decideGroup(current, { ...attributes, name, memberIds }, by, at);
}

/** The group as a tombstone without members and its group-deleted event. */
export function deleteGroup(current: GroupRecord, by: string, at: Date): Decided<GroupRecord> {
  return {
    aggregate: { ...current, memberIds: [], deleted: true, updatedAt: at, version: current.version + 1 },
    events: [{ type: 'itsm.directory.group-deleted.v1', data: { groupId: current.id, by, at: at.toISOString() } }],
  };
}

/** The group without its storage flag. */
export function groupOf(record: GroupRecord): Group {
  const { deleted: _deleted, ...group } = record;
  return group;
}
