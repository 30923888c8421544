import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

/** The change context's own settings (the env fragment; values validated at boot). */
export const ChangeEnv = Type.Object({
  /** Seeds demo templates and changes in every state when the change context has none (compose, demos). */
  CHANGE_SEED_DEMO_DATA: Type.Boolean({ default: false }),
});
export type ChangeEnv = Static<typeof ChangeEnv>;

/** What the change module is built from (nothing beyond the kit's settings yet). */
export type ChangeSettings = Readonly<Record<string, never>>;

export function toChangeSettings(_env: ChangeEnv): ChangeSettings {
  return {};
}
