import type { TSchema } from '@sinclair/typebox';
import { fieldTypes } from '../event-fields';
import type { FieldType } from '../event-fields';

interface ObjectNode {
  readonly properties?: Readonly<Record<string, ObjectNode>>;
  readonly items?: ObjectNode;
  readonly anyOf?: readonly ObjectNode[];
}

/** Every field path of a payload schema with its types (objects and arrays of objects followed `depth` levels): what a rule editor offers. */
export function eventFieldList(schema: TSchema, depth = 2): readonly { readonly path: string; readonly types: readonly FieldType[] }[] {
  const paths: string[] = [];
  const walk = (node: ObjectNode, prefix: readonly string[], level: number): void => {
    for (const alt of node.anyOf ?? [node]) {
      const target = alt.items ?? alt;
      for (const [name, child] of Object.entries(target.properties ?? {})) {
        const path = [...prefix, name];
        paths.push(path.join('.'));
        if (level < depth) walk(child, path, level + 1);
      }
    }
  };
  walk(schema as ObjectNode, [], 1);
  return [...new Set(paths)].map((path) => ({ path, types: fieldTypes(schema, path.split('.')) }));
}
