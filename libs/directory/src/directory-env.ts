import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

/** The directory context's own settings (the env fragment; values validated at boot). */
export const DirectoryEnv = Type.Object({
  /** Seeds the demo organisations, people and groups when the directory is empty (compose, demos). */
  DIRECTORY_SEED_DEMO_DATA: Type.Boolean({ default: false }),
});
export type DirectoryEnv = Static<typeof DirectoryEnv>;

/** What the directory's module is built from (nothing beyond the kit's settings yet). */
export type DirectorySettings = Readonly<Record<string, never>>;

export function toDirectorySettings(_env: DirectoryEnv): DirectorySettings {
  return {};
}
