import type { Static, TObject } from '@sinclair/typebox';
import { isSecret } from './env-schema';

export const REDACTED = '***';

/** A copy of `config` safe to log: every variable marked secret that has a value becomes '***'. */
export function redactConfig<T extends TObject>(schema: T, config: Static<T>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const [name, property] of Object.entries(schema.properties)) {
    if (isSecret(property) && copy[name] !== undefined) copy[name] = REDACTED;
  }
  return copy;
}
