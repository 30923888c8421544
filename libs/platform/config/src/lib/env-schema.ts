import { Type } from '@sinclair/typebox';
import type { ArrayOptions, TArray, TComposite, TObject, TOptional, TSchema, TString } from '@sinclair/typebox';

/**
 * The JSON Schema keywords the env loader reads. Besides the standard ones:
 * `secret` (never printed: redacted in logs and in error messages) and
 * `expected` (overrides the generated "must be ..." wording in error messages).
 */
export interface EnvSchemaNode {
  readonly type?: unknown;
  readonly anyOf?: readonly EnvSchemaNode[];
  readonly const?: unknown;
  readonly items?: EnvSchemaNode;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly default?: unknown;
  readonly secret?: boolean;
  readonly expected?: string;
  readonly dependencies?: Readonly<Record<string, readonly string[]>>;
}

export function asNode(schema: TSchema): EnvSchemaNode {
  return schema as EnvSchemaNode;
}

/** Marks a variable as secret: redacted by `redactConfig` and never echoed in a ConfigError. */
export function Secret<T extends TSchema>(schema: T): T {
  return { ...schema, secret: true };
}

export function isSecret(schema: TSchema): boolean {
  return asNode(schema).secret === true;
}

/**
 * A variable that was renamed: setting it stops the process with "X must be unset: renamed to Y",
 * instead of being silently ignored (a deployment still setting the old name learns at boot).
 */
export function RenamedTo(name: string): TOptional<TString> {
  // An empty value counts as unset (loadConfig); a string that must be empty survives `envSchema`'s
  // composition (a `Never` property would turn required there).
  return Type.Optional(Type.String({ maxLength: 0, expected: `unset: renamed to ${name}` }));
}

/** A comma-separated variable (`a:1,b:2`), parsed into an array of `item`. */
export function CommaList<T extends TSchema>(item: T, options: ArrayOptions = {}): TArray<T> {
  return Type.Array(item, { minItems: 1, ...options });
}

/**
 * Merges env fragments into one schema. Unlike a bare `Type.Composite`, it keeps each fragment's
 * cross-field `dependencies` (e.g. a SASL mechanism requires a username and password).
 */
export function envSchema<T extends TObject[]>(...fragments: [...T]): TComposite<T> {
  const dependencies = Object.assign({}, ...fragments.map((f) => asNode(f).dependencies ?? {})) as Record<string, string[]>;
  return Type.Composite(fragments, Object.keys(dependencies).length > 0 ? { dependencies } : {});
}
