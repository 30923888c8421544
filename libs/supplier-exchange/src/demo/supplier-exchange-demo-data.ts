import type { INestApplication } from '@nestjs/common';
import { SupplierConnectionStore } from '../application/ports/supplier-exchange-stores.port';
import { SupplierConnections } from '../application/supplier-connections/supplier-connections';
import { DEFAULT_STATE_MAPPING } from '../domain';
import type { OutboundChannel } from '../domain';
import { SUPPLIER_EXCHANGE_SETTINGS } from '../supplier-exchange-env';
import type { SupplierExchangeSettings } from '../supplier-exchange-env';
import type { DemoReferences } from '@itsm/platform/service';

/**
 * The directory demo's two supplier organisations, the person each acts as (by user name) and the
 * Ed25519 public key its inbound records are verified with (its private key is the demo supplier's, not ours).
 */
const DEMO_SUPPLIERS = [
  { supplierId: 'northwind', organisationId: 'northwind-networks', name: 'Northwind Networks', agent: 'u-supplier-agent', exposeCallerContact: false, inboundKey: 'whpk_Gds4iDwjI9hpOjua3QBcwUds6L+zTzYuhBMWCSF6hJk=' },
  { supplierId: 'tailspin', organisationId: 'tailspin-hosting', name: 'Tailspin Hosting', agent: 'u-tom', exposeCallerContact: false, inboundKey: 'whpk_98z+a+4SN52+DRXMpdm6gYa5m3LXCzipR91eYNXbI5c=' },
] as const;

/**
 * The demo's webhook signing secret (Standard Webhooks HMAC): public on purpose, the demo receiver
 * verifies with it. A real supplier's secret is never in code.
 */
export const DEMO_WEBHOOK_SECRET = 'whsec_ZGVtby1zdXBwbGllci13ZWJob29rLXNlY3JldC0zMmI=';

/**
 * Connects the demo's two suppliers, only into an empty collection (an admin's connections are never
 * overwritten). The agents' person ids come from the directory demo's references (its user names
 * otherwise: the directory demo was not loaded in this run).
 */
export async function seedSupplierExchangeDemo(app: INestApplication, earlier: DemoReferences): Promise<number> {
  if ((await app.get(SupplierConnectionStore).list()).length > 0) return 0;
  const people = earlier.get('directory');
  const connections = app.get(SupplierConnections);
  const { demoWebhookUrl } = app.get<SupplierExchangeSettings>(SUPPLIER_EXCHANGE_SETTINGS);
  for (const supplier of DEMO_SUPPLIERS) {
    // Northwind always reads its Kafka topic; Tailspin takes webhooks when a demo receiver is configured.
    const outbound: OutboundChannel = supplier.supplierId === 'tailspin' && demoWebhookUrl !== null ? { channel: 'webhook', url: demoWebhookUrl, signingKeys: [DEMO_WEBHOOK_SECRET] } : { channel: 'kafka' };
    await connections.save(
      {
        supplierId: supplier.supplierId,
        organisationId: supplier.organisationId,
        name: supplier.name,
        agentId: people?.get(supplier.agent) ?? supplier.agent,
        integratorName: 'Contoso Service Desk',
        exposeCallerContact: supplier.exposeCallerContact,
        exposeRelatedEntities: true,
        ticketKinds: ['incident'],
        stateMapping: DEFAULT_STATE_MAPPING,
        inboundKeys: [supplier.inboundKey],
        outbound,
      },
      null,
    );
  }
  return DEMO_SUPPLIERS.length;
}
