import type { AssignmentGroupView, ProjectedOrganisation, ProjectedPerson } from '../../domain';

/**
 * What the incident context's directory projection tells about a person acting on an incident from
 * outside GraphQL (a notification reply's author, a supplier's agent): the person and the groups and
 * organisations that give their roles.
 */
export abstract class ActingPeople {
  /** The person by directory id (deactivated ones included), or undefined. */
  abstract person(personId: string): Promise<ProjectedPerson | undefined>;
  abstract listGroups(): Promise<AssignmentGroupView[]>;
  abstract listOrganisations(): Promise<ProjectedOrganisation[]>;
}
