import { ActingPeople } from '../application/ports/acting-people.port';
import type { AssignmentGroupView, ProjectedOrganisation, ProjectedPerson } from '../domain';
import { REQUESTER } from './in-memory-stores';

const person = (id: string, userName: string, orgId: string, active = true): ProjectedPerson => ({ id, userName, active, orgId });
const group = (id: string, orgId: string, members: string[]): AssignmentGroupView => ({ id, name: id, kind: 'assignment', orgId, organisationActive: true, members, inactiveMembers: [] });

/** The supplier Northwind's assignment group (u-supplier), as an incident's `group`. */
export const NORTHWIND_GROUP = group('nw', 'northwind', ['u-supplier']);

/**
 * People as the directory projection knows them: the caller (Fabrikam), an agent of Contoso's desk,
 * Northwind's supplier agent, Tailspin's supplier agent, a stranger, a deactivated agent; and the
 * groups of Contoso's desk, Northwind and Tailspin (also serving as the `AssignmentGroups` port).
 */
export class FixedActingPeople extends ActingPeople {
  readonly people = new Map<string, ProjectedPerson>([
    ['p-caller', person('p-caller', REQUESTER.userId, 'fabrikam')],
    ['p-agent', person('p-agent', 'U-Agent', 'contoso')],
    ['p-supplier', person('p-supplier', 'u-supplier', 'northwind')],
    ['p-tailspin', person('p-tailspin', 'u-tailspin', 'tailspin')],
    ['p-stranger', person('p-stranger', 'u-stranger', 'fabrikam')],
    ['p-gone', person('p-gone', 'u-gone', 'contoso', false)],
  ]);
  person(id: string): Promise<ProjectedPerson | undefined> {
    return Promise.resolve(this.people.get(id));
  }
  readonly groups = [group('desk', 'contoso', ['u-agent', 'u-gone']), NORTHWIND_GROUP, group('ts', 'tailspin', ['u-tailspin'])];
  listGroups(): Promise<AssignmentGroupView[]> {
    return Promise.resolve([...this.groups]);
  }
  /** As the `AssignmentGroups` port: a group by id. */
  group(id: string): Promise<AssignmentGroupView | undefined> {
    return Promise.resolve(this.groups.find((g) => g.id === id));
  }
  listOrganisations(): Promise<ProjectedOrganisation[]> {
    return Promise.resolve([
      { id: 'contoso', name: 'Contoso', kind: 'internal', active: true },
      { id: 'northwind', name: 'Northwind', kind: 'supplier', active: true },
      { id: 'tailspin', name: 'Tailspin', kind: 'supplier', active: true },
    ]);
  }
}
