import { directoryTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { seedDemoDirectory } from './demo/directory-demo-data';
import { DirectoryEnv, toDirectorySettings } from './directory-env';
import { DirectoryModule } from './directory.module';
import { DIRECTORY_ENTITY_EXTENSIONS } from './graphql/directory-federation.types';
import { DirectorySchema } from './graphql/directory.schema-marker';
import { SCIM_ROUTE_PREFIX, scimUnreachable } from './scim';

/** The group the directory's replicas share (it consumes no topic yet: the name is reserved for it). */
export const DIRECTORY_CONSUMER_GROUP = 'directory-service';

/** The people directory, for the service kit: it owns `itsm.directory.v1` and reads no other stream. */
export const directoryContext = defineContext({
  name: 'directory',
  defaultPort: 4105,
  env: DirectoryEnv,
  topics: { owns: [directoryTopic], consumes: [] },
  consumerGroup: DIRECTORY_CONSUMER_GROUP,
  // The entity stubs it extends (Incident.caller/assignee, AssignmentGroup.members) though no query returns them.
  subgraph: { module: DirectoryModule, schema: DirectorySchema, orphanedTypes: [...DIRECTORY_ENTITY_EXTENSIONS] },
  // SCIM reads its own bodies (application/scim+json and application/json up to 1 MB, SCIM errors);
  // the all-in-one's gateway port forwards /scim/v2 here, answering a SCIM 503/504 when it cannot.
  httpRoutes: [{ prefix: SCIM_ROUTE_PREFIX, unreachable: scimUnreachable }],
  settings: (env) => toDirectorySettings(env),
  module: (options) => DirectoryModule.forRoot(options),
  demo: {
    // Other contexts' demo data names its organisations, groups and people: loaded before them.
    stage: 'beforeConsumers',
    enabled: (env) => env.DIRECTORY_SEED_DEMO_DATA,
    seed: (app) => seedDemoDirectory(app),
  },
});
