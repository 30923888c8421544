import { directoryChange, DirectoryProjection } from '@itsm/platform/persistence';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { testPeers } from '@itsm/testing';
import { DEFAULT_WEBHOOK_DELIVERY_POLICY } from '../application/webhook-delivery/webhook-delivery-policy';
import type { SupplierExchangeSettings } from '../supplier-exchange-env';
import { supplierExchangeContext } from '../supplier-exchange.context';

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
