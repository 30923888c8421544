import { cmdbDiscoveryTopic, cmdbTopic } from '@itsm/contracts';
import { CmdbModule } from './cmdb.module';
import { CmdbSchema } from './graphql/cmdb.schema-marker';
import { IncidentRefGql } from './graphql/cmdb.types';
import { defineContext } from '@itsm/platform/service';
import { CmdbEnv, toCmdbSettings } from './cmdb-env';
import { seedDemoCmdb } from './demo/cmdb-demo-data';

/** The group that shares the discovery feed among the CMDB's replicas. */
export const CMDB_CONSUMER_GROUP = 'cmdb-service';

/**
 * The CMDB, for the service kit: the discovery feed consumer (shared group) and each replica's index
 * consumer of the CMDB's own events, named after the host (the pod) unless CMDB_INSTANCE_ID is set.
 */
export const cmdbContext = defineContext({
  name: 'cmdb',
  defaultPort: 4103,
  env: CmdbEnv,
  // The discovery feed is the CMDB's inbound contract: discovery tools and suppliers write it.
  topics: { owns: [cmdbTopic, cmdbDiscoveryTopic], consumes: [] },
  consumerGroup: CMDB_CONSUMER_GROUP,
  subgraph: { module: CmdbModule, schema: CmdbSchema, orphanedTypes: [IncidentRefGql] },
  settings: (env, host) => toCmdbSettings(env, host.hostname),
  module: (options) => CmdbModule.forRoot(options),
  demo: {
    // The demo incidents name its CIs: answers their ids by name.
    stage: 'beforeConsumers',
    enabled: (env) => env.CMDB_SEED_DEMO_DATA,
    seed: (app) => seedDemoCmdb(app),
  },
});
