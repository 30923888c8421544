import { changeTopic, cmdbTopic, directoryTopic, incidentTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { ChangeEnv, toChangeSettings } from './change-env';
import { ChangeModule } from './change.module';
import { seedDemoChange } from './demo/change-demo-data';
import { CHANGE_ENTITY_EXTENSIONS } from './graphql/change-federation.types';
import { GATE_ROUTE_PREFIX, gateUnreachable } from './gate-http/gate-http';
import { ChangeSchema } from './graphql/change.schema-marker';

/** The group the change service's replicas share. */
export const CHANGE_CONSUMER_GROUP = 'change-service';

/**
 * Change enablement, for the service kit: it owns `itsm.change.v1` and keeps its own projections of
 * the CMDB, the directory and incidents (no calls into their code or databases).
 */
export const changeContext = defineContext({
  name: 'change',
  defaultPort: 4106,
  env: ChangeEnv,
  topics: { owns: [changeTopic], consumes: [cmdbTopic, directoryTopic, incidentTopic] },
  consumerGroup: CHANGE_CONSUMER_GROUP,
  subgraph: { module: ChangeModule, schema: ChangeSchema, orphanedTypes: [...CHANGE_ENTITY_EXTENSIONS] },
  // The deployment gate reads its own JSON bodies (16 kB, typed JSON errors); the all-in-one's
  // gateway port forwards /change/v1/gate here, answering CHANGE.UNAVAILABLE when it cannot.
  httpRoutes: [{ prefix: GATE_ROUTE_PREFIX, unreachable: gateUnreachable }],
  settings: (env) => toChangeSettings(env),
  module: (options) => ChangeModule.forRoot(options),
  demo: {
    // After the directory's and the CMDB's (it names their personas, groups and CIs), once serving and
    // consuming: its projections learn those from their events before the demo's reference checks.
    stage: 'afterStart',
    enabled: (env) => env.CHANGE_SEED_DEMO_DATA,
    seed: (app, earlier) => seedDemoChange(app, earlier),
  },
});
