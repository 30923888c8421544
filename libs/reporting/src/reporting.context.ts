import { incidentTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { ReportingSchema } from './graphql/reporting.schema-marker';
import { ReportingEnv, toReportingSettings } from './reporting-env';
import { ReportingModule } from './reporting.module';

/** The group the reporting service's replicas share. */
export const REPORTING_CONSUMER_GROUP = 'reporting-service';

/**
 * Reporting and continual improvement, for the service kit: it owns no stream and reads the
 * incident stream into its own projection (facts, day rollups), answering reports through its
 * subgraph.
 */
export const reportingContext = defineContext({
  name: 'reporting',
  defaultPort: 4110,
  env: ReportingEnv,
  topics: { owns: [], consumes: [incidentTopic] },
  consumerGroup: REPORTING_CONSUMER_GROUP,
  subgraph: { module: ReportingModule, schema: ReportingSchema, orphanedTypes: [] },
  settings: (env) => toReportingSettings(env),
  module: (options) => ReportingModule.forRoot(options),
});
