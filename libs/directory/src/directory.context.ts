import { directoryTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { seedDemoDirectory } from './demo/directory-demo-data';
import { DirectoryEnv, toDirectorySettings } from './directory-env';
import { DirectoryModule } from './directory.module';
import { DirectorySchema } from './graphql/directory.schema-marker';

/** The group the directory's replicas share (it consumes no topic yet: the name is reserved for it). */
export const DIRECTORY_CONSUMER_GROUP = 'directory-service';

/** The people directory, for the service kit: it owns `itsm.directory.v1` and reads no other stream. */
export const directoryContext = defineContext({
  name: 'directory',
  defaultPort: 4105,
  env: DirectoryEnv,
  topics: { owns: [directoryTopic], consumes: [] },
  consumerGroup: DIRECTORY_CONSUMER_GROUP,
  subgraph: { module: DirectoryModule, schema: DirectorySchema },
  settings: (env) => toDirectorySettings(env),
  module: (options) => DirectoryModule.forRoot(options),
  demo: {
    // Other contexts' demo data names its organisations, groups and people: loaded before them.
    stage: 'beforeConsumers',
    enabled: (env) => env.DIRECTORY_SEED_DEMO_DATA,
    seed: (app) => seedDemoDirectory(app),
  },
});
