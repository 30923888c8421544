import type { DirectoryProjection, ProjectedGroupWithMembers, ProjectedPerson } from '@itsm/platform/persistence';
import type { GroupView, People, PersonView } from '../ports/change-references.port';

/** How many groups of one person, or granting one role, a look-up reads at most. */
const GROUP_LIMIT = 1_000;

/**
 * `People` read from the change context's directory projection (the platform's DirectoryProjection:
 * Mongo in the service, in memory in unit tests): a person's roles are their own and their live
 * groups'; a group lists its active members and its organisation's kind.
 */
export class ProjectedPeople implements People {
  constructor(private readonly directory: DirectoryProjection) {}

  async people(ids: readonly string[]): Promise<ReadonlyMap<string, PersonView>> {
    const people = await this.directory.people(ids);
    if (people.size === 0) return new Map();
    const groups = await this.directory.groupsOfMembers([...people.keys()], GROUP_LIMIT);
    return new Map([...people.values()].map((p) => [p.id, toPersonView(p, groups)]));
  }

  async group(id: string): Promise<GroupView | undefined> {
    const group = (await this.directory.groups([id])).get(id);
    if (group === undefined) return undefined;
    const [members, organisations] = await Promise.all([this.directory.people(group.memberIds), this.directory.organisations(group.orgId === null ? [] : [group.orgId])]);
    return {
      id: group.id,
      name: group.name,
      kind: group.kind,
      organisationId: group.orgId,
      organisationKind: group.orgId === null ? null : (organisations.get(group.orgId)?.kind ?? null),
      memberIds: group.memberIds.filter((memberId) => members.get(memberId)?.active === true),
      roles: group.roles,
    };
  }

  async withRole(role: string, limit: number): Promise<readonly PersonView[]> {
    if (limit <= 0) return [];
    const [direct, groups] = await Promise.all([this.directory.peopleWithRole(role, limit), this.directory.groupsWithRole(role, GROUP_LIMIT)]);
    const ids = [...new Set([...direct.map((p) => p.id), ...groups.flatMap((g) => g.memberIds)])].sort();
    const people = await this.people(ids);
    return ids.flatMap((id) => {
      const person = people.get(id);
      return person?.active === true ? [person] : [];
    }).slice(0, limit);
  }
}

function toPersonView(person: ProjectedPerson, groups: readonly ProjectedGroupWithMembers[]): PersonView {
  const groupRoles = groups.filter((g) => g.memberIds.includes(person.id)).flatMap((g) => g.roles);
  return {
    id: person.id,
    displayName: person.displayName,
    active: person.active,
    organisationId: person.orgId,
    roles: [...new Set([...person.roles, ...groupRoles])].sort(),
    timeZone: person.timeZone,
  };
}
