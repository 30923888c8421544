import { applyOnceInMemory } from '../in-memory-inbox';
import type { InMemoryRecord } from '../in-memory-inbox';
import { DirectoryProjection } from './directory-projection';
import type { AppliedDirectoryEvent, ProjectedGroupWithMembers } from './directory-projection';
import { directoryChange } from './directory-record-change';
import type { DirectoryChange, DirectoryEvent, ProjectedGroup, ProjectedOrganisation, ProjectedPerson } from './directory-record-change';


type PersonRecord = ProjectedPerson & { readonly deleted: boolean };
interface GroupRecord {
  readonly group: ProjectedGroup | null;
  readonly memberIds: readonly string[];
}

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The directory projection in memory, with MongoDirectoryProjection's rules (the latest sequence per
 * stream wins; tombstones; groups live once saved): the fake contexts' unit tests run against.
 */
export class InMemoryDirectoryProjection extends DirectoryProjection {
  private readonly organisationRecords = new Map<string, InMemoryRecord<ProjectedOrganisation>>();
  private readonly personRecords = new Map<string, InMemoryRecord<PersonRecord>>();
  private readonly groupRecords = new Map<string, InMemoryRecord<GroupRecord>>();

  /** Applies events as a consumer does (an event keyed by another record throws). */
  async feed(...events: DirectoryEvent[]): Promise<this> {
    for (const event of events) await this.apply(directoryChange(event, (message) => new Error(message)), event);
    return this;
  }

  apply(change: DirectoryChange, event: AppliedDirectoryEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'organisation':
        return applyOnceInMemory(this.organisationRecords, change.organisation.id, event, () => change.organisation);
      case 'person':
        return applyOnceInMemory(this.personRecords, change.person.id, event, () => ({ ...change.person, deleted: false }));
      case 'person-deleted':
        return applyOnceInMemory(this.personRecords, change.personId, event, (p) => ({ id: change.personId, userName: change.userName, displayName: p?.displayName ?? change.userName, active: false, orgId: p?.orgId ?? null, roles: [], timeZone: p?.timeZone ?? null, managerId: null, email: null, locale: null, chatHandle: null, deleted: true }));
      case 'group':
        return applyOnceInMemory(this.groupRecords, change.group.id, event, (g) => ({ group: change.group, memberIds: g?.memberIds ?? [] }));
      case 'members-added':
        return applyOnceInMemory(this.groupRecords, change.groupId, event, (g) => ({ group: g?.group ?? null, memberIds: [...new Set([...(g?.memberIds ?? []), ...change.personIds])] }));
      case 'members-removed':
        return applyOnceInMemory(this.groupRecords, change.groupId, event, (g) => ({ group: g?.group ?? null, memberIds: (g?.memberIds ?? []).filter((id) => !change.personIds.includes(id)) }));
      case 'group-deleted':
        return applyOnceInMemory(this.groupRecords, change.groupId, event, () => ({ group: null, memberIds: [] }));
    }
  }

  people(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedPerson>> {
    const found = ids.flatMap((id) => {
      const person = this.personRecords.get(id)?.value;
      return person === undefined || person.deleted ? [] : [[id, withoutDeleted(person)] as const];
    });
    return Promise.resolve(new Map(found));
  }

  peopleByUserName(userNames: readonly string[]): Promise<ReadonlyMap<string, ProjectedPerson>> {
    const wanted = new Set(userNames.map((u) => u.toLowerCase()));
    const found = [...this.personRecords.values()].flatMap(({ value }) => (value.deleted || !wanted.has(value.userName) ? [] : [[value.userName, withoutDeleted(value)] as const]));
    return Promise.resolve(new Map(found));
  }

  groups(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedGroupWithMembers>> {
    return Promise.resolve(new Map(this.liveGroups().filter((g) => ids.includes(g.id)).map((g) => [g.id, g])));
  }

  organisations(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedOrganisation>> {
    const found = ids.flatMap((id) => {
      const organisation = this.organisationRecords.get(id)?.value;
      return organisation === undefined ? [] : [[id, organisation] as const];
    });
    return Promise.resolve(new Map(found));
  }

  groupsOfMembers(personIds: readonly string[], limit: number): Promise<readonly ProjectedGroupWithMembers[]> {
    return Promise.resolve(this.liveGroups().filter((g) => g.memberIds.some((id) => personIds.includes(id))).slice(0, limit));
  }

  groupsWithRole(role: string, limit: number): Promise<readonly ProjectedGroupWithMembers[]> {
    return Promise.resolve(this.liveGroups().filter((g) => g.roles.includes(role)).slice(0, limit));
  }

  peopleWithRole(role: string, limit: number): Promise<readonly ProjectedPerson[]> {
    const holders = [...this.personRecords.values()].map((r) => r.value).filter((p) => p.active && !p.deleted && p.roles.includes(role));
    return Promise.resolve(holders.map(withoutDeleted).sort(byId).slice(0, limit));
  }

  private liveGroups(): ProjectedGroupWithMembers[] {
    return [...this.groupRecords.values()].flatMap(({ value }) => (value.group === null ? [] : [{ ...value.group, memberIds: value.memberIds }])).sort(byId);
  }
}

function withoutDeleted(person: PersonRecord): ProjectedPerson {
  const { deleted: _deleted, ...rest } = person;
  return rest;
}
