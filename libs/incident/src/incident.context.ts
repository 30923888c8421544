import { directoryTopic, incidentTopic, notificationTopic, problemTopic, supplierExchangeTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { loadDemoData } from './demo/incident-demo-data';
import { IncidentEnv, toIncidentSettings } from './incident-env';
import { IncidentModule } from './incident.module';
import { IncidentSchema } from './graphql/incident.schema-marker';

export const INCIDENT_CONSUMER_GROUP = 'incident-service';

/** The incident-and-problem context, for the service kit (its own service, or a part of the all-in-one). */
export const incidentContext = defineContext({
  name: 'incident',
  defaultPort: 4101,
  env: IncidentEnv,
  topics: { owns: [incidentTopic, problemTopic], consumes: [directoryTopic, notificationTopic, supplierExchangeTopic] },
  consumerGroup: INCIDENT_CONSUMER_GROUP,
  subgraph: { module: IncidentModule, schema: IncidentSchema },
  settings: (env) => toIncidentSettings(env),
  module: (options) => IncidentModule.forRoot(options),
  demo: {
    // Once it serves: the other contexts follow the demo incidents' events. Only the all-in-one loads it.
    stage: 'afterStart',
    enabled: () => false,
    seed: async (app, earlier) => {
      // The demo CMDB's ids by CI name (the incidents' CIs, so `affectedServices` answers).
      await loadDemoData(app, earlier.get('cmdb'));
      return undefined;
    },
  },
});
