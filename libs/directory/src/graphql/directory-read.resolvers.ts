import { AssignmentGroupMembersResolver } from './assignment-group-members.resolver';
import { GroupQueryResolver } from './group-query.resolver';
import { IncidentPeopleResolver } from './incident-people.resolver';
import { OrganisationQueryResolver } from './organisation-query.resolver';
import { PersonQueryResolver } from './person-query.resolver';

/** The directory's read resolvers (queries, field resolvers, federation extensions), for the module's providers. */
export const DIRECTORY_READ_RESOLVERS = [PersonQueryResolver, GroupQueryResolver, OrganisationQueryResolver, IncidentPeopleResolver, AssignmentGroupMembersResolver] as const;
