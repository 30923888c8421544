import { incidentTopic, slaTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { ReportingSchema } from './graphql/reporting.schema-marker';
import { EXPORT_ROUTE_PREFIX, exportUnreachable } from './http/report-export';
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
  topics: { owns: [], consumes: [incidentTopic, slaTopic] },
  consumerGroup: REPORTING_CONSUMER_GROUP,
  subgraph: { module: ReportingModule, schema: ReportingSchema, orphanedTypes: [] },
  // CSV exports (GET /reporting/v1/<report>.csv, the caller's bearer token); the all-in-one's gateway port forwards them here.
  httpRoutes: [{ prefix: EXPORT_ROUTE_PREFIX, unreachable: exportUnreachable }],
  settings: (env) => toReportingSettings(env),
  module: (options) => ReportingModule.forRoot(options),
});
