import type { DirectoryFeed } from '@itsm/testing';
import { applyOnceInMemory, directoryChange } from '@itsm/platform/persistence';
import type { DirectoryChange, InMemoryRecord } from '@itsm/platform/persistence';
import type { AppliedEvent } from '../application/ports/directory-projection.port';
import type { DirectoryProjectionStore } from '../application/ports/directory-projection.port';
import type { AssignmentGroups, Organisations } from '../application/ports/reference-data.port';
import type { AssignmentGroupView, DirectoryEvent, ProjectedGroup, ProjectedOrganisation, ProjectedPerson } from '../domain';
import { memberStanding } from '../domain';
import { refuseDirectoryEvent } from '../application/commands/project-directory-event/project-directory-event.handler';


/** The directory projection in memory, with the repository's rules (latest sequence per stream wins; tombstones). */
export class InMemoryDirectory implements DirectoryProjectionStore, AssignmentGroups, Organisations {
  private readonly organisations = new Map<string, InMemoryRecord<ProjectedOrganisation>>();
  private readonly people = new Map<string, InMemoryRecord<ProjectedPerson & { deleted: boolean }>>();
  private readonly groups = new Map<string, InMemoryRecord<{ group: ProjectedGroup | null; memberIds: string[] }>>();

  /** Applies events as the consumer does. */
  async feed(...events: DirectoryEvent[]): Promise<this> {
    for (const event of events) await this.apply(directoryChange(event, refuseDirectoryEvent), event);
    return this;
  }

  apply(change: DirectoryChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'organisation':
        return once(this.organisations, change.organisation.id, event, () => change.organisation, () => change.organisation);
      case 'person':
        return once(this.people, change.person.id, event, () => ({ ...change.person, deleted: false }), () => ({ ...change.person, deleted: false }));
      case 'person-deleted': {
        const gone = { id: change.personId, userName: change.userName, active: false, orgId: null, deleted: true };
        return once(this.people, change.personId, event, () => gone, (p) => ({ ...p, active: false, deleted: true }));
      }
      case 'group': {
        const { id, name, kind, orgId } = change.group;
        const group: ProjectedGroup = { id, name, kind, orgId };
        return once(this.groups, id, event, () => ({ group, memberIds: [] }), (g) => ({ ...g, group }));
      }
      case 'members-added':
        return once(this.groups, change.groupId, event, () => ({ group: null, memberIds: [...change.personIds] }), (g) => ({ ...g, memberIds: [...new Set([...g.memberIds, ...change.personIds])] }));
      case 'members-removed':
        return once(this.groups, change.groupId, event, () => ({ group: null, memberIds: [] }), (g) => ({ ...g, memberIds: g.memberIds.filter((id) => !change.personIds.includes(id)) }));
      case 'group-deleted':
        return once(this.groups, change.groupId, event, () => ({ group: null, memberIds: [] }), () => ({ group: null, memberIds: [] }));
    }
  }

  organisation(id: string): Promise<ProjectedOrganisation | undefined> {
    return Promise.resolve(this.organisations.get(id)?.value);
  }

  group(id: string): Promise<AssignmentGroupView | undefined> {
    const stored = this.groups.get(id)?.value;
    if (!stored?.group) return Promise.resolve(undefined);
    const { group, memberIds } = stored;
    const people = new Map([...this.people.values()].map(({ value }) => [value.id, value]));
    const organisationActive = group.orgId === null || (this.organisations.get(group.orgId)?.value.active ?? true);
    return Promise.resolve({ ...group, organisationActive, ...memberStanding(memberIds, people) });
  }
}

function once<T>(records: Map<string, InMemoryRecord<T>>, id: string, event: AppliedEvent, create: () => T, update: (value: T) => T): Promise<'applied' | 'duplicate'> {
  return applyOnceInMemory(records, id, event, (current) => (current === undefined ? create() : update(current)));
}

/** Contoso (internal) with its service desk: u-agent and u-alice active members. */
export function serviceDesk(feed: DirectoryFeed): DirectoryEvent[] {
  return [
    feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
    feed.person({ personId: 'p-agent', userName: 'u-agent', organisationId: 'contoso' }),
    feed.person({ personId: 'p-alice', userName: 'U-Alice', organisationId: 'contoso' }),
    feed.group({ groupId: 'service-desk', name: 'Service Desk', organisationId: 'contoso' }),
    feed.membersAdded('service-desk', ['p-agent', 'p-alice']),
  ];
}
