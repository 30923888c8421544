import { parse, stringify } from 'scim2-parse-filter';
import type { Filter } from 'scim2-parse-filter';
import { ScimError } from './scim.errors';
import type { ScimType } from './scim.errors';
import { findAttribute, findSchema } from './scim-schemas';
import type { ScimAttribute, ScimResourceSchemas, ScimSchema } from './scim-schemas';

/**
 * An attribute path (RFC 7644 §3.5.2: `[URN ":"] attr ["[" filter "]"] ["." subAttr]`) resolved
 * against a resource type's schemas, case-insensitively, with its canonical spelling.
 */
export interface ResolvedPath {
  readonly schema: ScimSchema;
  readonly attribute: ScimAttribute;
  readonly subAttribute?: ScimAttribute;
  /** The value filter inside brackets, its attribute names canonical (relative to `attribute`). */
  readonly filter?: Filter;
  /** Canonical: core attributes without their URN, extension attributes as `<urn>:attr[.sub]`. */
  readonly canonical: string;
}

const ATTRIBUTE_PATH = /^([A-Za-z$][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$-]*))?$/s;

/** Resolves `path`; an unknown schema, attribute or sub-attribute, or a malformed path: `scimType` (invalidPath for PATCH, invalidFilter for filters). */
export function resolvePath(schemas: ScimResourceSchemas, path: string, scimType: ScimType): ResolvedPath {
  const refuse = (why: string): never => {
    throw ScimError.badRequest(scimType, `${why}: "${path}"`);
  };
  const { schema, rest } = splitSchema(schemas, path) ?? refuse('Unknown schema in the attribute path');
  const match = ATTRIBUTE_PATH.exec(rest) ?? refuse('Malformed attribute path');
  const [, name = '', filterText, subName] = match;
  const attribute = findAttribute(schema.attributes, name) ?? refuse('Unknown attribute');
  let subAttribute: ScimAttribute | undefined;
  if (subName !== undefined) {
    subAttribute = findAttribute(attribute.subAttributes ?? [], subName) ?? refuse('Unknown sub-attribute');
  }
  let filter: Filter | undefined;
  if (filterText !== undefined) {
    if (attribute.multiValued !== true) refuse('A value filter applies to a multi-valued attribute only');
    filter = canonicalFilter(attribute, parseOrRefuse(filterText, refuse), refuse);
  }
  const local = `${attribute.name}${filter ? `[${stringify(filter)}]` : ''}${subAttribute ? `.${subAttribute.name}` : ''}`;
  const canonical = schema === schemas.core ? local : `${schema.id}:${local}`;
  return { schema, attribute, ...(subAttribute ? { subAttribute } : {}), ...(filter ? { filter } : {}), canonical };
}

/** The schema a path names by its URN prefix (the core schema when it has none). */
function splitSchema(schemas: ScimResourceSchemas, path: string): { schema: ScimSchema; rest: string } | undefined {
  if (!/^urn:/i.test(path)) return { schema: schemas.core, rest: path };
  for (const schema of [schemas.core, ...schemas.extensions]) {
    const prefix = `${schema.id}:`;
    if (path.length > prefix.length && path.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()) {
      return { schema, rest: path.slice(prefix.length) };
    }
  }
  return undefined;
}

/** True when `text` is exactly one of the resource type's schema URNs (an extension named as a whole). */
export function schemaNamed(schemas: ScimResourceSchemas, text: string): ScimSchema | undefined {
  return /^urn:/i.test(text) ? findSchema(schemas, text) : undefined;
}

function parseOrRefuse(text: string, refuse: (why: string) => never): Filter {
  try {
    return parse(text);
  } catch {
    return refuse('Malformed value filter');
  }
}

/** The filter with its attribute names spelled as `attribute`'s sub-attributes (unknown ones refused). */
function canonicalFilter(attribute: ScimAttribute, filter: Filter, refuse: (why: string) => never): Filter {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { op: filter.op, filters: filter.filters.map((inner) => canonicalFilter(attribute, inner, refuse)) };
    case 'not':
      return { op: 'not', filter: canonicalFilter(attribute, filter.filter, refuse) };
    case '[]':
      return refuse('Nested value filters are not supported');
    default: {
      const sub = findAttribute(attribute.subAttributes ?? [], filter.attrPath) ?? refuse('Unknown sub-attribute in the value filter');
      return { ...filter, attrPath: sub.name };
    }
  }
}
