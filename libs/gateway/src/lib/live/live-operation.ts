import { extendSchema, getArgumentValues, getOperationAST, getVariableValues, GraphQLError, Kind, OperationTypeNode, parse, print, specifiedRules, validate, visit } from 'graphql';
import type { DocumentNode, ExecutionResult, FieldNode, GraphQLSchema, OperationDefinitionNode, SelectionNode, ValidationRule, VariableDefinitionNode } from 'graphql';
import type { LiveFeed } from './live-feeds';

/** The variable the re-query takes the changed entity's id in. */
export const LIVE_ID_VARIABLE = 'itsmLiveId';

/**
 * One subscription, ready to be served: the query that answers it for one changed entity (the
 * subscriber's selection under `lookup(id:)`), the variables it keeps, and its filter.
 */
export interface LiveOperation {
  readonly feed: LiveFeed;
  /** The subscription as sent (parsed). */
  readonly document: DocumentNode;
  /** The subscription's field name in answers (its alias, or the field). */
  readonly responseKey: string;
  /** `query (...) { <lookup>(id: $itsmLiveId) { <selection> <filter fields> } }` */
  readonly query: string;
  readonly operationName: string | null;
  /** The subscriber's variables the query still uses. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Filter input field -> accepted values (a scalar is a list of one). */
  readonly filter: ReadonlyMap<string, readonly unknown[]>;
  /** Entity fields the query reads for the filter only: removed before an answer is sent. */
  readonly hidden: readonly string[];
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
  // The schema's rules leave one root field (SingleFieldSubscriptionsRule), a field of Subscription.
  const root = operation.selectionSet.selections[0] as FieldNode;
  const feed = feeds.find((candidate) => candidate.field === root.name.value);
  const fieldDef = schema.getSubscriptionType()?.getFields()[root.name.value];
  if (!feed || !fieldDef) return [requestError(`${root.name.value} is not served by this gateway's event feeds`, 'BAD_REQUEST')];
  const args = getArgumentValues(fieldDef, root, coerced.coerced);
  const filter = filterOf(feed, args['filter']);
  const taken = responseKeys(root.selectionSet?.selections ?? []);
  const hidden = [...new Set([...filter.keys()].map((key) => feed.filter[key] as string))].filter((field) => taken.get(field) !== field);
  const clash = hidden.find((field) => taken.has(field));
  if (clash) return [requestError(`the alias ${clash} names another field: the filter reads the field ${clash} under that name`, 'BAD_USER_INPUT')];
  const query = requeryOf(document, operation, root, feed, hidden);
  const used = variablesUsed(query);
  const variables = Object.fromEntries(Object.entries(request.variables ?? {}).filter(([name]) => used.has(name)));
  return { feed, document, responseKey: root.alias?.value ?? root.name.value, query: print(query), operationName: operation.name?.value ?? null, variables, filter, hidden };
}

function filterOf(feed: LiveFeed, value: unknown): Map<string, readonly unknown[]> {
  const filter = new Map<string, readonly unknown[]>();
  if (value === null || typeof value !== 'object') return filter;
  for (const [key, given] of Object.entries(value as Record<string, unknown>)) {
    if (given === null || given === undefined || feed.filter[key] === undefined) continue;
    filter.set(key, Array.isArray(given) ? given : [given]);
  }
  return filter;
}

/** Response key -> field name of a selection's plain fields (fragments are the subscriber's own). */
function responseKeys(selections: readonly SelectionNode[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) keys.set(selection.alias?.value ?? selection.name.value, selection.name.value);
  }
  return keys;
}

const field = (name: string, extra: Partial<FieldNode> = {}): FieldNode => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name }, ...extra });

/** The subscription's document as the query of one entity: its selection, the filter's fields, its fragments. */
function requeryOf(document: DocumentNode, operation: OperationDefinitionNode, root: FieldNode, feed: LiveFeed, hidden: readonly string[]): DocumentNode {
  const idDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: LIVE_ID_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const lookup = field(feed.lookup, {
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: LIVE_ID_VARIABLE } } }],
    ...(root.directives ? { directives: root.directives } : {}),
    selectionSet: { kind: Kind.SELECTION_SET, selections: [...(root.selectionSet?.selections ?? []), ...hidden.map((name) => field(name))] },
  });
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: [idDefinition, ...(operation.variableDefinitions ?? [])],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [lookup] },
  };
  const draft: DocumentNode = { kind: Kind.DOCUMENT, definitions: [query, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)] };
  // The filter's variables are not part of the query: their definitions go (an unused variable is invalid).
  const used = variablesUsed(draft);
  return visit(draft, { VariableDefinition: (node) => (used.has(node.variable.name.value) ? undefined : null) });
}

function variablesUsed(document: DocumentNode): Set<string> {
  const used = new Set<string>([LIVE_ID_VARIABLE]);
  visit(document, { VariableDefinition: () => false, Variable: (node) => void used.add(node.name.value) });
  return used;
}

/**
 * What a subscriber receives for one re-query's answer: the entity under the subscription's key
 * without the filter's own fields, or nothing when the subscriber may not see it (the lookup
 * answered no entity with only NOT_FOUND / FORBIDDEN errors) or it does not match the filter.
 */
export function liveAnswer(operation: LiveOperation, result: ExecutionResult): ExecutionResult | undefined {
  const entity = (result.data as Record<string, unknown> | null | undefined)?.[operation.feed.lookup] as Record<string, unknown> | null | undefined;
  if (entity === null || entity === undefined) {
    const errors = result.errors ?? [];
    if (errors.every((error) => isNotVisible(error.extensions?.['code']))) return undefined;
    return { data: null, errors };
  }
  for (const [key, accepted] of operation.filter) {
    if (!accepted.includes(entity[operation.feed.filter[key] as string])) return undefined;
  }
  const shown = { ...entity };
  for (const name of operation.hidden) delete shown[name];
  return { data: { [operation.responseKey]: shown }, ...(result.errors?.length ? { errors: result.errors } : {}) };
}

const isNotVisible = (code: unknown): boolean => typeof code === 'string' && /(^|\.)(NOT_FOUND|FORBIDDEN)$/.test(code);
