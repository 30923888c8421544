import { directoryTopic } from '@itsm/contracts';
import { Clock, SystemClock } from '@itsm/platform/config';
import { contextRepository, ContextPersistenceModule, outboxRepository } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import {
  ChangeGroupMembersHandler,
  CreateGroupHandler,
  CreatePersonHandler,
  DeleteGroupHandler,
  DeletePersonHandler,
  IssueProvisioningTokenHandler,
  ReplaceGroupHandler,
  ReplacePersonHandler,
  RevokeProvisioningTokenHandler,
  SaveOrganisationHandler,
} from './application/commands';
import { DirectoryReferences } from './application/directory-references.service';
import { DIRECTORY_CONNECTION } from './application/directory.tokens';
import { GroupQueries, OrganisationQueries, PeopleQueries, ProvisioningClientAuthenticator } from './application/ports/directory-queries.port';
import { GROUP_STORE, ORGANISATION_STORE, PERSON_STORE, PROVISIONING_CLIENT_STORE, USER_NAME_CLAIM_STORE } from './application/ports/directory-stores.port';
import { HashedTokenAuthenticator } from './application/provisioning-client-authenticator.service';
import { ProvisioningClientsHandler } from './application/queries';
import { UserNameClaims } from './application/user-name-claims.service';
import { DirectoryScimModule } from './scim/directory-scim.module';
import type { DirectorySettings } from './directory-env';
import { DIRECTORY_READ_HANDLERS } from './application/queries/directory-read-handlers';
import { DirectoryAdminResolver } from './graphql/directory-admin.resolver';
import { DIRECTORY_READ_RESOLVERS } from './graphql/directory-read.resolvers';
import { ProvisioningClientResolver } from './graphql/provisioning-client.resolver';
import {
  GroupRepository,
  groupSchema,
  OrganisationRepository,
  organisationSchema,
  PersonRepository,
  personSchema,
  ProvisioningClientRepository,
  UserNameClaimRepository,
} from './persistence';

export interface DirectoryModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: DirectorySettings;
}

/** One handler per business verb (application/commands/<verb-noun>/). */
const COMMAND_HANDLERS = [
  CreatePersonHandler,
  ReplacePersonHandler,
  DeletePersonHandler,
  CreateGroupHandler,
  ReplaceGroupHandler,
  ChangeGroupMembersHandler,
  DeleteGroupHandler,
  SaveOrganisationHandler,
  IssueProvisioningTokenHandler,
  RevokeProvisioningTokenHandler,
];

/** The reads other parts of the service (SCIM, GraphQL) use: the query ports, bound to the repositories. */
const QUERY_PORTS = [PeopleQueries, GroupQueries, OrganisationQueries, ProvisioningClientAuthenticator, ProvisioningClientsHandler];

/**
 * The people directory: organisations, people and groups (members inside the group document) with
 * their events on `itsm.directory.v1` (outbox), userName claims, provisioning clients. Needs
 * MessagingModule (outbox relay), ObservabilityModule, AuthModule.
 */
@Module({})
export class DirectoryModule {
  static forRoot(options: DirectoryModuleOptions): DynamicModule {
    const topic = directoryTopic.name;
    const persistence = ContextPersistenceModule.forRoot({
      context: 'directory',
      mongo: options.mongo,
      connection: DIRECTORY_CONNECTION,
      repositories: [
        outboxRepository(PersonRepository, { model: 'DirectoryPerson', schema: personSchema, topic }, (model, notify) => new PersonRepository(model, notify, new UserNameClaimRepository(model.db))),
        outboxRepository(GroupRepository, { model: 'DirectoryGroup', schema: groupSchema, topic }, (model, notify) => new GroupRepository(model, notify)),
        outboxRepository(OrganisationRepository, { model: 'DirectoryOrganisation', schema: organisationSchema, topic }, (model, notify) => new OrganisationRepository(model, notify)),
        contextRepository(UserNameClaimRepository, (c) => new UserNameClaimRepository(c), UserNameClaimRepository.indexes),
        contextRepository(ProvisioningClientRepository, (c) => new ProvisioningClientRepository(c), ProvisioningClientRepository.indexes),
      ],
    });
    return {
      module: DirectoryModule,
      // Global within its app: the SCIM module it imports uses its exported handlers and queries.
      global: true,
      imports: [persistence, DirectoryScimModule],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: PERSON_STORE, useExisting: PersonRepository },
        { provide: GROUP_STORE, useExisting: GroupRepository },
        { provide: ORGANISATION_STORE, useExisting: OrganisationRepository },
        { provide: USER_NAME_CLAIM_STORE, useExisting: UserNameClaimRepository },
        { provide: PROVISIONING_CLIENT_STORE, useExisting: ProvisioningClientRepository },
        { provide: PeopleQueries, useExisting: PersonRepository },
        { provide: GroupQueries, useExisting: GroupRepository },
        { provide: OrganisationQueries, useExisting: OrganisationRepository },
        { provide: ProvisioningClientAuthenticator, useClass: HashedTokenAuthenticator },
        ProvisioningClientsHandler,
        UserNameClaims,
        DirectoryReferences,
        ...COMMAND_HANDLERS,
        ...DIRECTORY_READ_HANDLERS,
        DirectoryAdminResolver,
        ProvisioningClientResolver,
        ...DIRECTORY_READ_RESOLVERS,
      ],
      exports: [...COMMAND_HANDLERS, ...QUERY_PORTS, persistence],
    };
  }
}
