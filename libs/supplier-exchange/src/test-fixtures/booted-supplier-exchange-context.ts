import { directoryChange, DirectoryProjection } from '@itsm/platform/persistence';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { expectEventually, testPeers } from '@itsm/testing';
import { CorrelationStore } from '../application/ports/supplier-exchange-stores.port';
import { SupplierConnections } from '../application/supplier-connections/supplier-connections';
import { DEFAULT_WEBHOOK_DELIVERY_POLICY } from '../application/webhook-delivery/webhook-delivery-policy';
import type { SupplierExchangeSettings } from '../supplier-exchange-env';
import { supplierExchangeContext } from '../supplier-exchange.context';
import { connection, IncidentStream } from './incident-stream';
import { SUPPLIER_KEYS } from './supplier-keys';

/** The supplier exchange booted for an integration spec (`published`: the probe topics'). */
export interface BootedSupplierExchangeContext extends SpecContext {
  /** Applies directory events to the context's projection, as its consumer does. */
  projectDirectory(...events: DirectoryEvent[]): Promise<void>;
}

/** Boots the context on the peers, its probe reading `probeTopics` (suppliers' outbound topics, dead letters); webhooks may post to loopback receivers. */
export async function bootSupplierExchangeContext(probeTopics: readonly string[], settings: Partial<SupplierExchangeSettings> = {}): Promise<BootedSupplierExchangeContext> {
  const booted = await bootContextForSpec(supplierExchangeContext, {
    mongoUrl: testPeers().mongoUrl,
    settings: { connectionsCacheMs: 5_000, allowPrivateTargets: true, webhookDelivery: DEFAULT_WEBHOOK_DELIVERY_POLICY, demoWebhookUrl: null, ...settings },
    probeTopics,
  });
  const projection = booted.app.get(DirectoryProjection);
  const projectDirectory: BootedSupplierExchangeContext['projectDirectory'] = async (...events) => {
    for (const event of events) await projection.apply(directoryChange(event, (message) => new Error(message)), event);
  };
  return { ...booted, projectDirectory };
}

/** Connects supplier A (`acme`, organisation `org-acme`) and supplier B (`globex`, `org-globex`), each with its own inbound key. */
export async function connectTwoSuppliers(booted: SpecContext): Promise<void> {
  const connections = booted.app.get(SupplierConnections);
  await connections.save(connection({ supplierId: 'acme', organisationId: 'org-acme', name: 'Acme Networks' }), null);
  await connections.save(connection({ supplierId: 'globex', organisationId: 'org-globex', name: 'Globex Field', agentId: 'p-globex-agent', inboundKeys: [SUPPLIER_KEYS.globex.publicKey] }), null);
}

/** An incident opened and assigned to `org`'s group, once the exchange holds the correlation record for its supplier. */
export async function assignToSupplier(booted: SpecContext, ticketId: string, org: 'org-acme' | 'org-globex'): Promise<void> {
  const s = new IncidentStream(ticketId);
  await booted.bus.publishEnvelopes('itsm.incident.v1', [s.opened(), s.assigned(org === 'org-acme' ? 'grp-acme' : 'grp-globex', org)]);
  const store = booted.app.get(CorrelationStore);
  await expectEventually(async () => expect((await store.forTicket(ticketId)).map((r) => r.record.supplierId)).toEqual([org === 'org-acme' ? 'acme' : 'globex']));
}
