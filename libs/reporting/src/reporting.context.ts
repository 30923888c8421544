import { changeTopic, incidentTopic, requestTopic, slaTopic, supplierExchangeTopic } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { ReportingSchema } from './graphql/reporting.schema-marker';
import { MAX_RANGE_DAYS } from './domain';
import { EXPORT_ROUTE_PREFIX, exportUnreachable } from './http/report-export';
import { PROJECTION_GENERATION, reportingConsumerGroup } from './persistence/projection-generation';
import { ReportingEnv, toReportingSettings } from './reporting-env';
import { ReportingModule } from './reporting.module';

/**
 * Reporting and continual improvement, for the service kit: it owns no stream and reads the
 * incident stream into its own projection (facts, day rollups), and the change and request streams
 * into their facts, answering reports through its subgraph. Its replicas share the group of the
 * current projection generation.
 */
export const reportingContext = defineContext({
  name: 'reporting',
  defaultPort: 4110,
  env: ReportingEnv,
  topics: { owns: [], consumes: [incidentTopic, slaTopic, changeTopic, requestTopic, supplierExchangeTopic] },
  consumerGroup: reportingConsumerGroup(PROJECTION_GENERATION),
  // A new projection generation is rebuilt from the streams: they keep the longest range a report covers.
  rebuildsFromDays: MAX_RANGE_DAYS,
  subgraph: { module: ReportingModule, schema: ReportingSchema, orphanedTypes: [] },
  // CSV exports (GET /reporting/v1/<report>.csv, the caller's bearer token); the all-in-one's gateway port forwards them here.
  httpRoutes: [{ prefix: EXPORT_ROUTE_PREFIX, unreachable: exportUnreachable }],
  settings: (env) => toReportingSettings(env),
  module: (options) => ReportingModule.forRoot({ ...options, generation: PROJECTION_GENERATION }),
});

/** The same context at another projection generation: its own group and collections (a rebuild beside the running one). */
export const reportingContextOf = (generation: number) =>
  defineContext({ ...reportingContext, consumerGroup: reportingConsumerGroup(generation), module: (options) => ReportingModule.forRoot({ ...options, generation }) });
