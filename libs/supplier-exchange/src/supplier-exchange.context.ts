import { directoryTopic, incidentTopic, supplierExchangeTopic, supplierInboundFamily, supplierOutboundFamily } from '@itsm/contracts';
import { defineContext } from '@itsm/platform/service';
import { SUPPLIER_INBOUND_MAX_BODY_BYTES, SUPPLIER_INBOUND_ROUTE_PREFIX } from './inbound-http/supplier-inbound-http';
import { SUPPLIER_INBOUND_CONSUMER_GROUP } from './messaging/supplier-inbound.subscription';
import { seedSupplierExchangeDemo } from './demo/supplier-exchange-demo-data';
import { SupplierExchangeSchema } from './graphql/supplier-exchange.schema-marker';
import { SupplierExchangeEnv, toSupplierExchangeSettings } from './supplier-exchange-env';
import { SupplierExchangeModule } from './supplier-exchange.module';

/** The group the supplier exchange's replicas share. */
export const SUPPLIER_EXCHANGE_CONSUMER_GROUP = 'supplier-exchange';

/**
 * The supplier exchange (SIAM), for the service kit: it reads the incident stream (and the directory,
 * for callers) and sends each supplier the tickets assigned to it on its own topic
 * `itsm.supplier.<supplierId>.out.v1`; it reads each supplier's signed updates on `itsm.supplier.<supplierId>.in.v1`
 * and passes them on as update-received events on `itsm.supplier-exchange.v1`.
 */
export const supplierExchangeContext = defineContext({
  name: 'supplier',
  defaultPort: 4109,
  env: SupplierExchangeEnv,
  topics: { owns: [supplierExchangeTopic], consumes: [incidentTopic, directoryTopic], ownsFamilies: [supplierOutboundFamily], consumesFamilies: [supplierInboundFamily] },
  consumerGroup: SUPPLIER_EXCHANGE_CONSUMER_GROUP,
  familyConsumerGroup: SUPPLIER_INBOUND_CONSUMER_GROUP,
  // The suppliers' REST endpoint reads its own bytes (the signature covers them). No `unreachable`: the
  // all-in-one's gateway does not forward it; suppliers reach the service (its ingress path), never the gateway.
  httpRoutes: [{ prefix: SUPPLIER_INBOUND_ROUTE_PREFIX, maxBodyBytes: SUPPLIER_INBOUND_MAX_BODY_BYTES }],
  subgraph: { module: SupplierExchangeModule, schema: SupplierExchangeSchema, orphanedTypes: [] },
  settings: (env) => toSupplierExchangeSettings(env),
  module: (options) => SupplierExchangeModule.forRoot(options),
  demo: {
    // Before its consumers: the demo incidents assigned to a supplier's group find its connection.
    stage: 'beforeConsumers',
    enabled: (env) => env.SUPPLIER_EXCHANGE_SEED_DEMO_DATA,
    seed: async (app, earlier) => {
      await seedSupplierExchangeDemo(app, earlier);
      return undefined;
    },
  },
});
