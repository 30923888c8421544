import type { TSchema } from '@sinclair/typebox';

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly const?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
}

const MAX_DEPTH = 8;

function example(node: SchemaNode, name: string, at: string, depth: number): unknown {
  const union = node.anyOf ?? node.oneOf;
  if (union !== undefined) {
    const [first] = union.filter((alt) => alt.type !== 'null' && alt.const !== null);
    return first === undefined ? null : example(first, name, at, depth);
  }
  if (node.const !== undefined) return node.const;
  if (node.default !== undefined) return node.default;
  const type = typeof node.type === 'string' ? node.type : node.type?.find((t) => t !== 'null');
  switch (type) {
    case 'object':
      return depth >= MAX_DEPTH ? {} : Object.fromEntries(Object.entries(node.properties ?? {}).map(([field, child]) => [field, example(child, field, at, depth + 1)]));
    case 'array':
      return node.items === undefined || depth >= MAX_DEPTH ? [] : [example(node.items, name, at, depth + 1)];
    case 'string':
      return node.format === 'date-time' ? at : node.format === 'date' ? at.slice(0, 10) : `example ${name}`;
    case 'integer':
    case 'number':
      return node.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/**
 * A payload shaped like `schema` for previews: every property present, the first alternative of a
 * union, one item per array, `at` for date-times, `example <field>` for text, the minimum (or 1) for
 * numbers. Not necessarily valid against patterns; a preview only renders it.
 */
export function examplePayload(schema: TSchema, at: string): Readonly<Record<string, unknown>> {
  const value = example(schema as SchemaNode, 'value', at, 0);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
