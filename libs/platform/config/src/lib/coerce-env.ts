import type { EnvSchemaNode } from './env-schema';

/**
 * Turns one raw environment string into the schema's type. A value that cannot be converted is
 * returned unchanged, so validation reports it with the variable's name.
 */
export function coerceEnvValue(schema: EnvSchemaNode, raw: string): unknown {
  if (schema.anyOf) return coerceUnion(schema.anyOf, raw);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return toNumber(raw);
    case 'boolean':
      return toBoolean(raw);
    case 'array':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => (schema.items ? coerceEnvValue(schema.items, item) : item));
    default:
      return raw;
  }
}

function toNumber(raw: string): number | string {
  const value = Number(raw);
  return raw !== '' && Number.isFinite(value) ? value : raw;
}

function toBoolean(raw: string): boolean | string {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  return raw;
}

function coerceUnion(members: readonly EnvSchemaNode[], raw: string): unknown {
  for (const member of members) {
    const value = coerceEnvValue(member, raw);
    const matches = member.const !== undefined ? value === member.const : value !== raw || member.type === 'string';
    if (matches) return value;
  }
  return raw;
}

/** What a valid value looks like, for "X must be ..." messages. */
export function describeExpected(schema: EnvSchemaNode): string {
  if (schema.expected) return schema.expected;
  const literals = schema.anyOf?.map((m) => m.const).filter((c) => c !== undefined);
  if (literals && literals.length > 0) return `one of ${literals.map(String).join(', ')}`;
  if (schema.const !== undefined) return String(schema.const);
  switch (schema.type) {
    case 'integer':
      return `an integer${describeRange(schema)}`;
    case 'number':
      return `a number${describeRange(schema)}`;
    case 'boolean':
      return 'true, false, 1 or 0';
    case 'array':
      return `a comma-separated list of ${schema.items ? describeExpected(schema.items) : 'values'}`;
    case 'string':
      if (schema.pattern) return `a string matching /${schema.pattern}/`;
      return (schema.minLength ?? 1) > 1 ? `at least ${schema.minLength} characters long` : 'a non-empty string';
    default:
      return 'a valid value';
  }
}

function describeRange({ minimum, maximum }: EnvSchemaNode): string {
  if (minimum !== undefined && maximum !== undefined) return ` between ${minimum} and ${maximum}`;
  if (minimum !== undefined) return ` >= ${minimum}`;
  if (maximum !== undefined) return ` <= ${maximum}`;
  return '';
}
