import { directoryTopic, incidentTopic, requestTopic, slaTopic } from '@itsm/contracts';
import { SlaModule } from './sla.module';
import { SlaSchema } from './graphql/sla.schema-marker';
import { FulfilmentTaskRefGql, FulfilmentTaskViewRefGql, IncidentRefGql, RequestedItemRefGql, ServiceRequestRefGql } from './graphql/sla.types';
import { defineContext } from '@itsm/platform/service';
import { SLA_TIMERS } from './application/sla-timers.port';
import type { SlaTimerService } from './application/timers/sla-timer.service';
import { seedDemoPolicies } from './demo/sla-demo-policies';
import { SlaEnv, toSlaSettings } from './sla-env';

export const SLA_CONSUMER_GROUP = 'sla-service';

/**
 * The SLA engine, for the service kit. Its ticket-event consumers' partition assignment (incidents,
 * requests) decides which tickets' timers this replica runs.
 */
export const slaContext = defineContext({
  name: 'sla',
  defaultPort: 4104,
  env: SlaEnv,
  topics: { owns: [slaTopic], consumes: [incidentTopic, requestTopic, directoryTopic] },
  consumerGroup: SLA_CONSUMER_GROUP,
  subgraph: { module: SlaModule, schema: SlaSchema, orphanedTypes: [IncidentRefGql, ServiceRequestRefGql, RequestedItemRefGql, FulfilmentTaskRefGql, FulfilmentTaskViewRefGql] },
  settings: (env) => toSlaSettings(env),
  module: (options) => SlaModule.forRoot(options),
  onAssignment: (app) => app.get<SlaTimerService>(SLA_TIMERS).onAssignment,
  demo: {
    // Before any ticket event is consumed: clocks attach to the definitions that exist then.
    stage: 'beforeConsumers',
    enabled: (env) => env.SLA_SEED_DEMO_POLICIES,
    seed: async (app) => {
      await seedDemoPolicies(app, new Date().getUTCFullYear());
      return undefined;
    },
  },
});
