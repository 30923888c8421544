import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

/** The supplier exchange's own settings (the env fragment; values validated at boot). */
export const SupplierExchangeEnv = Type.Object({
  /** Connects the demo data's two suppliers (Northwind Networks, Tailspin Hosting) when no connection exists. */
  SUPPLIER_EXCHANGE_SEED_DEMO_DATA: Type.Boolean({ default: false }),
  /** How long a replica decides with the connections it read: an admin's edit applies within this time. */
  SUPPLIER_EXCHANGE_CONNECTIONS_CACHE_SECONDS: Type.Integer({ minimum: 0, maximum: 300, default: 5 }),
});
export type SupplierExchangeEnv = Static<typeof SupplierExchangeEnv>;

export interface SupplierExchangeSettings {
  readonly connectionsCacheMs: number;
}

export const SUPPLIER_EXCHANGE_SETTINGS = Symbol('SUPPLIER_EXCHANGE_SETTINGS');

export function toSupplierExchangeSettings(env: SupplierExchangeEnv): SupplierExchangeSettings {
  return { connectionsCacheMs: env.SUPPLIER_EXCHANGE_CONNECTIONS_CACHE_SECONDS * 1_000 };
}
