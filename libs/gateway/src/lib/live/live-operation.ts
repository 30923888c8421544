import { extendSchema, getArgumentValues, getOperationAST, getVariableValues, GraphQLError, Kind, OperationTypeNode, parse, print, specifiedRules, validate, visit } from 'graphql';
import type { DocumentNode, ExecutionResult, FieldNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode, ValidationRule, VariableDefinitionNode } from 'graphql';
import type { LiveFeed } from './live-feeds';

/** The variable the re-queries take the changed entity's id in (another name when the subscription uses it). */
export const LIVE_ID_VARIABLE = 'itsmLiveId';

/**
 * One subscription, ready to be served: the query that answers it for one changed entity (the
 * subscriber's selection under `lookup(id:)`, as sent), the variables it keeps, and its filter.
 */
export interface LiveOperation {
  readonly feed: LiveFeed;
  /** The subscription as sent (parsed). */
  readonly document: DocumentNode;
  /** The subscription's field name in answers (its alias, or the field). */
  readonly responseKey: string;
  /** `query (...) { <lookup>(id: $<idVariable>) { <selection> } }` with the fragments it uses. */
  readonly query: string;
  readonly operationName: string | null;
  /** The variable `query` and `filterQuery` take the entity id in. */
  readonly idVariable: string;
  /** The subscriber's variables the query still uses. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** The filter's `ids`: changes of other entities are not even queried. */
  readonly ids: ReadonlySet<string> | null;
  /** The filter's other fields: entity field -> accepted values (a scalar is a list of one). */
  readonly filter: ReadonlyMap<string, readonly unknown[]>;
  /** `query ($id) { <lookup>(id: $id) { <filter's fields> } }`, run first when `filter` is not empty; null otherwise. */
  readonly filterQuery: string | null;
}

const schemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

/**
 * The supergraph's API with the `Subscription` fields of the feeds it composes (entity type, lookup
 * field and the types their filters name), which subscriptions are validated against; cached per
 * composed schema. Throws when it composes none of them.
 */
export function liveSchema(api: GraphQLSchema, feeds: readonly LiveFeed[]): GraphQLSchema {
  const cached = schemas.get(api);
  if (cached) return cached;
  let schema = api;
  const served: LiveFeed[] = [];
  for (const feed of feeds) {
    if (!api.getType(feed.entity) || !api.getQueryType()?.getFields()[feed.lookup]) continue;
    try {
      schema = extendSchema(schema, parse(feed.sdl));
      served.push(feed);
    } catch {
      // A type its filter names is not composed (its subgraph is not part of this supergraph).
    }
  }
  if (served.length === 0) throw new Error(`the supergraph composes none of ${feeds.map((feed) => feed.entity).join(', ')}`);
  const existing = api.getSubscriptionType()?.name;
  const fields = served.map((feed) => feed.definition).join('\n');
  const root = existing ? `extend type ${existing} {${fields}\n}` : `type Subscription {${fields}\n}\nextend schema { subscription: Subscription }`;
  const extended = extendSchema(schema, parse(root));
  schemas.set(api, extended);
  return extended;
}

function requestError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export interface LiveRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Readonly<Record<string, unknown>> | null;
}

/**
 * Checks a subscription as the gateway checks any operation (parse, the schema's rules and
 * `rules`: limits, no introspection in production; variables coerced) and turns it into its
 * LiveOperation; otherwise the errors to answer (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
 * BAD_USER_INPUT, BAD_REQUEST for a query or mutation).
 */
export function prepareLiveOperation(schema: GraphQLSchema, feeds: readonly LiveFeed[], request: LiveRequest, rules: readonly ValidationRule[]): LiveOperation | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return [requestError(message, 'GRAPHQL_PARSE_FAILED')];
  }
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) return [requestError('the document must hold one operation, or name the one to run (operationName)', 'BAD_REQUEST')];
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    return [requestError(`only subscriptions are served over this connection: send ${operation.operation === OperationTypeNode.QUERY ? 'queries' : 'mutations'} to POST /graphql`, 'BAD_REQUEST')];
  }
  const invalid = validate(schema, document, [...specifiedRules, ...rules]);
  if (invalid.length > 0) return invalid.map((error) => (error.extensions['code'] === undefined ? new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }) : error));
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...(request.variables ?? {}) });
  if (coerced.errors) return coerced.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
  // The schema's rules leave one root field (SingleFieldSubscriptionsRule); fragments around it are not served.
  const [root, ...more] = operation.selectionSet.selections;
  if (root === undefined || root.kind !== Kind.FIELD || more.length > 0) return [requestError('a subscription selects one field of Subscription, without fragments around it', 'BAD_REQUEST')];
  const feed = feeds.find((candidate) => candidate.field === root.name.value);
  const fieldDef = schema.getSubscriptionType()?.getFields()[root.name.value];
  if (!feed || !fieldDef) return [requestError(`${root.name.value} is not served by this gateway's event feeds`, 'BAD_REQUEST')];
  const { ids, filter } = filterOf(feed, getArgumentValues(fieldDef, root, coerced.coerced)['filter']);
  const taken = new Set((operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value));
  let idVariable = LIVE_ID_VARIABLE;
  while (taken.has(idVariable)) idVariable = `${idVariable}_`;
  const query = requeryOf(document, operation, root, feed, idVariable);
  const filterQuery = filter.size === 0 ? null : parse(`query ($${idVariable}: ID!) { ${feed.lookup}(id: $${idVariable}) { ${[...filter.keys()].join(' ')} } }`);
  // What runs for each change must pass the same rules the subscription passed (the limits too): refused now, not at the first change.
  for (const built of [query, ...(filterQuery ? [filterQuery] : [])]) {
    const refused = validate(schema, built, [...specifiedRules, ...rules]);
    if (refused.length > 0) return refused.map((error) => new GraphQLError(`the subscription cannot be answered as a query of ${feed.lookup}: ${error.message}`, { extensions: { ...error.extensions, code: error.extensions['code'] ?? 'GRAPHQL_VALIDATION_FAILED' } }));
  }
  const used = variablesUsed(query, idVariable);
  const variables = Object.fromEntries(Object.entries(request.variables ?? {}).filter(([name]) => used.has(name)));
  return {
    feed,
    document,
    responseKey: root.alias?.value ?? root.name.value,
    query: print(query),
    operationName: operation.name?.value ?? null,
    idVariable,
    variables,
    ids,
    filter,
    filterQuery: filterQuery ? print(filterQuery) : null,
  };
}

/** The filter argument as the stream applies it: `ids` before any query, the other fields on the filter query's answer. */
function filterOf(feed: LiveFeed, value: unknown): { ids: Set<string> | null; filter: Map<string, readonly unknown[]> } {
  const filter = new Map<string, readonly unknown[]>();
  let ids: Set<string> | null = null;
  if (value === null || typeof value !== 'object') return { ids, filter };
  for (const [key, given] of Object.entries(value as Record<string, unknown>)) {
    const field = feed.filter[key];
    if (given === null || given === undefined || field === undefined) continue;
    const accepted = Array.isArray(given) ? given : [given];
    if (field === 'id') ids = new Set(accepted.map(String));
    else filter.set(field, accepted);
  }
  return { ids, filter };
}

const field = (name: string, extra: Partial<FieldNode> = {}): FieldNode => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name }, ...extra });

/** The subscription's document as the query of one entity: its selection, the fragments it uses. */
function requeryOf(document: DocumentNode, operation: OperationDefinitionNode, root: FieldNode, feed: LiveFeed, idVariable: string): DocumentNode {
  const idDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: idVariable } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const lookup = field(feed.lookup, {
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: idVariable } } }],
    ...(root.directives ? { directives: root.directives } : {}),
    ...(root.selectionSet ? { selectionSet: root.selectionSet } : {}),
  });
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: [idDefinition, ...(operation.variableDefinitions ?? [])],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [lookup] },
  };
  const draft: DocumentNode = { kind: Kind.DOCUMENT, definitions: [query, ...fragmentsUsed(document, query)] };
  // The filter's variables are not part of the query: their definitions go (an unused variable is invalid).
  const used = variablesUsed(draft, idVariable);
  return visit(draft, { VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : null) });
}

/** The fragment definitions `from` spreads, directly or through other fragments. */
function fragmentsUsed(document: DocumentNode, from: OperationDefinitionNode): FragmentDefinitionNode[] {
  const byName = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode): void => {
    visit(node, {
      FragmentSpread: (spread) => {
        const fragment = byName.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          walk(fragment);
        }
      },
    });
  };
  walk(from);
  return [...used.values()];
}

function variablesUsed(document: DocumentNode, idVariable: string): Set<string> {
  const used = new Set<string>([idVariable]);
  visit(document, { VariableDefinition: () => false, Variable: (node) => void used.add(node.name.value) });
  return used;
}

/** The filter query's answer: the entity is visible to the subscriber and every filter field matches. */
export function matchesFilter(operation: LiveOperation, result: ExecutionResult): boolean {
  const entity = (result.data as Record<string, unknown> | null | undefined)?.[operation.feed.lookup] as Record<string, unknown> | null | undefined;
  if (entity === null || entity === undefined) return false;
  for (const [name, accepted] of operation.filter) {
    if (!accepted.includes(entity[name])) return false;
  }
  return true;
}

/**
 * What a subscriber receives for one re-query's answer: the entity under the subscription's key
 * (errors of a partial answer with their paths under that key too), or nothing when the lookup
 * answered no entity: the subscriber may not see it (NOT_FOUND), or whether it may is unknown (the
 * lookup failed), and a failure about an entity it may not see must not reach it either.
 */
export function liveAnswer(operation: LiveOperation, result: ExecutionResult): ExecutionResult | undefined {
  const entity = (result.data as Record<string, unknown> | null | undefined)?.[operation.feed.lookup];
  if (entity === null || entity === undefined) return undefined;
  const errors = (result.errors ?? []).map((error) =>
    error.path?.[0] === operation.feed.lookup ? new GraphQLError(error.message, { path: [operation.responseKey, ...error.path.slice(1)], extensions: error.extensions }) : error,
  );
  return { data: { [operation.responseKey]: entity }, ...(errors.length > 0 ? { errors } : {}) };
}
