import { registerEnumType } from '@nestjs/graphql';
import type { SchemaMarker } from './schema-marker';

/** A GraphQL enum object made from a domain value list: each value is its own name. */
export type EnumOf<V extends string> = { readonly [K in V]: K };

/**
 * Registers the domain's `as const` value list as a GraphQL enum, so the schema cannot drift from
 * the domain: a value added there appears here, with no hand copy and no cast.
 */
export function registerDomainEnum<const V extends string>(
  values: readonly V[],
  options: { readonly name: string; readonly description?: string; readonly registerIn: SchemaMarker },
): EnumOf<V> {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as EnumOf<V>;
  registerEnumType(enumObject, { name: options.name, registerIn: options.registerIn, ...(options.description === undefined ? {} : { description: options.description }) });
  return enumObject;
}
