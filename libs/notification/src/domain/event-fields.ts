import type { TopicDefinition } from '@itsm/contracts';
import type { TSchema } from '@sinclair/typebox';

/** The JSON type a payload field has (what a condition may compare it with). */
export type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/** An event type a rule may name: its topic and payload schema. */
export interface NotifiableEventType {
  readonly topic: string;
  readonly type: string;
  readonly schema: TSchema;
}

/** Every event type of `topics`, by type (the data rules and templates are checked against). */
export function notifiableEventTypes(topics: readonly TopicDefinition[]): ReadonlyMap<string, NotifiableEventType> {
  return new Map(topics.flatMap((topic) => Object.entries(topic.events).map(([type, schema]) => [type, { topic: topic.name, type, schema }] as const)));
}

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly const?: unknown;
}

/** The alternatives a (union) schema node stands for. */
function alternatives(node: SchemaNode): readonly SchemaNode[] {
  const union = node.anyOf ?? node.oneOf;
  return union === undefined ? [node] : union.flatMap(alternatives);
}

function typesOf(node: SchemaNode): FieldType[] {
  return alternatives(node).flatMap((alt): FieldType[] => {
    if (alt.const !== undefined) return [alt.const === null ? 'null' : (typeof alt.const as FieldType)];
    const types = alt.type === undefined ? [] : typeof alt.type === 'string' ? [alt.type] : [...alt.type];
    return types.map((t) => (t === 'integer' ? 'number' : (t as FieldType)));
  });
}

/**
 * The types a payload field can have, following `path` (`priority`, `assignee.name`, `items.0.id`,
 * or `items.id` through an array) through properties, unions and array items; empty when the
 * schema has no such field. What a rule's condition and a template's variable are checked by on save.
 */
export function fieldTypes(schema: TSchema, path: readonly string[]): readonly FieldType[] {
  let nodes: readonly SchemaNode[] = [schema as SchemaNode];
  for (const segment of path) {
    nodes = nodes.flatMap(alternatives).flatMap((node): SchemaNode[] => {
      if (node.properties !== undefined) return node.properties[segment] === undefined ? [] : [node.properties[segment]];
      if (node.items !== undefined) return /^\d+$/.test(segment) ? [node.items] : alternatives(node.items).flatMap((item) => (item.properties?.[segment] === undefined ? [] : [item.properties[segment]]));
      return [];
    });
    if (nodes.length === 0) return [];
  }
  return [...new Set(nodes.flatMap(typesOf))];
}
