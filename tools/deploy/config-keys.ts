/**
 * The variable names of an env fragment (its TypeBox schema), so the validator follows the code
 * instead of a copied list.
 */
interface ObjectSchema {
  readonly properties: Readonly<Record<string, object>>;
  readonly required?: readonly string[];
}

export const keys = (schema: ObjectSchema): readonly string[] => Object.keys(schema.properties);

/** Variables the schema itself refuses to start without: required and without a default. */
export const requiredKeys = (schema: ObjectSchema): readonly string[] =>
  (schema.required ?? []).filter((key) => !('default' in (schema.properties[key] ?? {})));
