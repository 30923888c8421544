import { Clock, SystemClock } from '@itsm/platform/config';
import { contextRepository, ContextPersistenceModule, DirectoryProjection, MongoDirectoryProjection } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import { HttpTransport, NodeHttpTransport } from '@itsm/platform/webhooks';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ReceiveSupplierMessageHandler } from './application/commands/receive-supplier-message/receive-supplier-message.handler';
import { RelayIncidentEventHandler } from './application/commands/relay-incident-event/relay-incident-event.handler';
import { ReleaseSupplierWebhookQueueHandler } from './application/commands/release-supplier-webhook-queue/release-supplier-webhook-queue.handler';
import { RetireSupplierSigningKeyHandler } from './application/commands/retire-supplier-signing-key/retire-supplier-signing-key.handler';
import { RotateSupplierSigningKeyHandler } from './application/commands/rotate-supplier-signing-key/rotate-supplier-signing-key.handler';
import { SaveSupplierConnectionHandler } from './application/commands/save-supplier-connection/save-supplier-connection.handler';
import { SupplierConnectionStore, TicketViewStore } from './application/ports/supplier-exchange-stores.port';
import { SupplierConnections } from './application/supplier-connections/supplier-connections';
import { SupplierInboundPipeline } from './application/supplier-inbound/supplier-inbound.pipeline';
import { WEBHOOK_DELIVERY_POLICY, WebhookDeliverer } from './application/webhook-delivery/webhook-deliverer';
import { WebhookDeliveryScheduler } from './application/webhook-delivery/webhook-delivery.scheduler';
import { SupplierCorrelationResolver } from './graphql/supplier-correlation.resolver';
import { SupplierConnectionResolver } from './graphql/supplier-connection.resolver';
import { SupplierInboundHttpModule } from './inbound-http/supplier-inbound-http.module';
import { IncidentEventsConsumer } from './messaging/incident-events.consumer';
import { SupplierInboundSubscription } from './messaging/supplier-inbound.subscription';
import { correlationRepository, webhookQueueRepository } from './persistence/correlation.repository';
import { SupplierConnectionRepository } from './persistence/supplier-connection.repository';
import { TicketViewRepository } from './persistence/ticket-view.repository';
import { SUPPLIER_EXCHANGE_SETTINGS } from './supplier-exchange-env';
import type { SupplierExchangeSettings } from './supplier-exchange-env';

export const SUPPLIER_EXCHANGE_CONNECTION = Symbol('SUPPLIER_EXCHANGE_CONNECTION');

export interface SupplierExchangeModuleOptions {
  readonly mongo: MongoSettings;
  readonly settings: SupplierExchangeSettings;
}

/**
 * The supplier exchange: its own database (`<prefix>_supplier`), the connections admins save,
 * its view of each incident, the correlation records with their outboxes to each supplier's topic
 * (or their webhook queues, drained by the webhook deliverer for suppliers on the webhook channel)
 * and to `itsm.supplier-exchange.v1` (the supplier's updates, with the receipts of its messages), the
 * subscription to each supplier's inbound topic and the suppliers' REST endpoint (one pipeline), and the directory projection it finds callers in. Needs MessagingModule, ObservabilityModule and AuthModule.
 */
@Module({})
export class SupplierExchangeModule {
  static forRoot(options: SupplierExchangeModuleOptions): DynamicModule {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'supplier',
      mongo: options.mongo,
      connection: SUPPLIER_EXCHANGE_CONNECTION,
      repositories: [
        contextRepository(MongoDirectoryProjection, (c) => new MongoDirectoryProjection(c), MongoDirectoryProjection.indexes),
        contextRepository(SupplierConnectionStore, (c) => new SupplierConnectionRepository(c, options.settings.allowPrivateTargets), SupplierConnectionRepository.indexes),
        contextRepository(TicketViewStore, (c) => new TicketViewRepository(c), TicketViewRepository.indexes),
        correlationRepository,
        webhookQueueRepository,
      ],
    });
    return {
      module: SupplierExchangeModule,
      global: true,
      imports: [persistence, SupplierInboundHttpModule],
      controllers: [IncidentEventsConsumer],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: SUPPLIER_EXCHANGE_SETTINGS, useValue: options.settings },
        { provide: DirectoryProjection, useExisting: MongoDirectoryProjection },
        {
          provide: SupplierConnections,
          inject: [SupplierConnectionStore, Clock],
          useFactory: (store: SupplierConnectionStore, clock: Clock) => new SupplierConnections(store, clock, options.settings.connectionsCacheMs),
        },
        // Read when the providers are made, not when the module is declared (composing the supergraph declares it without settings).
        { provide: WEBHOOK_DELIVERY_POLICY, inject: [SUPPLIER_EXCHANGE_SETTINGS], useFactory: (settings: SupplierExchangeSettings) => settings.webhookDelivery },
        {
          provide: HttpTransport,
          inject: [SUPPLIER_EXCHANGE_SETTINGS],
          useFactory: (settings: SupplierExchangeSettings) => new NodeHttpTransport({ allowPrivateTargets: settings.allowPrivateTargets, userAgent: 'itsm-supplier-exchange' }),
        },
        WebhookDeliverer,
        WebhookDeliveryScheduler,
        RelayIncidentEventHandler,
        ReceiveSupplierMessageHandler,
        SupplierInboundPipeline,
        SupplierInboundSubscription,
        SaveSupplierConnectionHandler,
        RotateSupplierSigningKeyHandler,
        RetireSupplierSigningKeyHandler,
        ReleaseSupplierWebhookQueueHandler,
        SupplierConnectionResolver,
        SupplierCorrelationResolver,
      ],
      exports: [Clock, DirectoryProjection, SupplierConnections, SupplierInboundPipeline, SUPPLIER_EXCHANGE_SETTINGS, persistence],
    };
  }
}
