import { cmdbTopic, directoryTopic, notificationTopic, requestTopic, serviceTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { CatalogueEnv, toCatalogueSettings } from './catalogue-env';
import { CatalogueModule } from './catalogue.module';
import { seedDemoCatalogue } from './demo/catalogue-demo-data';
import { CatalogueSchema } from './graphql/catalogue.schema-marker';

/** The group the catalogue service's replicas share. */
export const CATALOGUE_CONSUMER_GROUP = 'catalogue-service';

/**
 * The service portfolio, the service catalogue and request fulfilment, for the service kit: it owns
 * `itsm.service.v1` and `itsm.request.v1`, keeps its own projections of the directory and the CMDB,
 * and takes replies to notification mails about requests (`itsm.notification.v1`) as comments.
 */
export const catalogueContext = defineContext({
  name: 'catalogue',
  defaultPort: 4107,
  env: CatalogueEnv,
  topics: { owns: [serviceTopic, requestTopic], consumes: [directoryTopic, cmdbTopic, notificationTopic] },
  consumerGroup: CATALOGUE_CONSUMER_GROUP,
  subgraph: { module: CatalogueModule, schema: CatalogueSchema, orphanedTypes: [] },
  settings: (env) => toCatalogueSettings(env),
  module: (options) => CatalogueModule.forRoot(options),
  demo: {
    // After the directory's (it names its people, groups and organisations), once serving and
    // consuming: its directory projection learns them from their events before the reference checks.
    stage: 'afterStart',
    enabled: (env) => env.CATALOGUE_SEED_DEMO_DATA,
    seed: (app, earlier) => seedDemoCatalogue(app, earlier),
  },
});
