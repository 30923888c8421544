import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { DEFAULT_WEBHOOK_DELIVERY_POLICY } from './application/webhook-delivery/webhook-delivery-policy';
import type { WebhookDeliveryPolicy } from './application/webhook-delivery/webhook-delivery-policy';

/** The supplier exchange's own settings (the env fragment; values validated at boot). */
export const SupplierExchangeEnv = Type.Object({
  /** Connects the demo data's two suppliers (Northwind Networks, Tailspin Hosting) when no connection exists. */
  SUPPLIER_EXCHANGE_SEED_DEMO_DATA: Type.Boolean({ default: false }),
  /** How long a replica decides with the connections it read: an admin's edit applies within this time. */
  SUPPLIER_EXCHANGE_CONNECTIONS_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 5 }),
  /** A supplier webhook may be a loopback or private target over http (tests, the all-in-one); never in production. */
  SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS: Type.Boolean({ default: false }),
  /** How often a replica looks for due webhook deliveries. */
  SUPPLIER_EXCHANGE_WEBHOOK_POLL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: DEFAULT_WEBHOOK_DELIVERY_POLICY.pollMs }),
  /** An event a supplier's webhook still refuses (5xx, 429, no answer) after this many attempts is dead-lettered. */
  SUPPLIER_EXCHANGE_WEBHOOK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_WEBHOOK_DELIVERY_POLICY.maxAttempts }),
  /** Seeds Tailspin Hosting on the webhook channel to this URL (a local demo receiver); Northwind stays on Kafka. Unset: both on Kafka. */
  SUPPLIER_EXCHANGE_DEMO_WEBHOOK_URL: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
});
export type SupplierExchangeEnv = Static<typeof SupplierExchangeEnv>;

export interface SupplierExchangeSettings {
  readonly connectionsCacheMs: number;
  readonly allowPrivateTargets: boolean;
  readonly webhookDelivery: WebhookDeliveryPolicy;
  /** Where the demo's Tailspin Hosting receives its webhooks; null: the demo suppliers both read Kafka. */
  readonly demoWebhookUrl: string | null;
}

export const SUPPLIER_EXCHANGE_SETTINGS = Symbol('SUPPLIER_EXCHANGE_SETTINGS');

export function toSupplierExchangeSettings(env: SupplierExchangeEnv): SupplierExchangeSettings {
  return {
    connectionsCacheMs: env.SUPPLIER_EXCHANGE_CONNECTIONS_CACHE_SECONDS * 1_000,
    allowPrivateTargets: env.SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS,
    webhookDelivery: { ...DEFAULT_WEBHOOK_DELIVERY_POLICY, pollMs: env.SUPPLIER_EXCHANGE_WEBHOOK_POLL_MS, maxAttempts: env.SUPPLIER_EXCHANGE_WEBHOOK_MAX_ATTEMPTS },
    demoWebhookUrl: env.SUPPLIER_EXCHANGE_DEMO_WEBHOOK_URL ?? null,
  };
}
