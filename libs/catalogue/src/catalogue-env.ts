import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

/** The catalogue context's own settings (the env fragment; values validated at boot). */
export const CatalogueEnv = Type.Object({
  /** Seeds the demo portfolio and catalogue when the catalogue has none (compose, demos). */
  CATALOGUE_SEED_DEMO_DATA: Type.Boolean({ default: false }),
});
export type CatalogueEnv = Static<typeof CatalogueEnv>;

/** What the catalogue module is built from (beyond the kit's settings). */
export type CatalogueSettings = Readonly<Record<string, never>>;

export function toCatalogueSettings(_env: CatalogueEnv): CatalogueSettings {
  return {};
}
