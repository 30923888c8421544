import type { Provider } from '@nestjs/common';
import { GroupHandler } from './group/group.handler';
import { GroupMembersHandler } from './group-members/group-members.handler';
import { GroupsHandler } from './groups/groups.handler';
import { MeHandler } from './me/me.handler';
import { OrganisationHandler } from './organisation/organisation.handler';
import { OrganisationsHandler } from './organisations/organisations.handler';
import { PeopleHandler } from './people/people.handler';
import { PersonHandler } from './person/person.handler';
import { PersonBySubjectHandler } from './person-by-subject/person-by-subject.handler';
import { PersonGroupsHandler } from './person-groups/person-groups.handler';
import { PersonRolesHandler } from './person-roles/person-roles.handler';

/** The directory's read use cases (they depend on the query ports only), for the module's providers. */
export const DIRECTORY_READ_HANDLERS: readonly Provider[] = [
  PeopleHandler,
  PersonHandler,
  MeHandler,
  PersonBySubjectHandler,
  PersonGroupsHandler,
  PersonRolesHandler,
  GroupsHandler,
  GroupHandler,
  GroupMembersHandler,
  OrganisationsHandler,
  OrganisationHandler,
];
