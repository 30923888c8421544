import type { IncomingMessage } from 'node:http';
import type { Principal, RequestWithHeaders } from '@itsm/platform/auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { ExecutionResult, GraphQLErrorExtensions, GraphQLFormattedError, ValidationContext, ValidationRule } from 'graphql';
import { createGatewayContext } from './gateway-context';
import type { GatewayContext, GatewayContextDeps } from './gateway-context';
import { GatewayErrorCode, gatewayError } from './gateway.errors';

/** What the gateway's runtime hands its plugins besides the request: the Node request it came on. */
export interface NodeServerContext {
  readonly req?: IncomingMessage;
}

/** An error answer the gateway gives before any GraphQL work, in the GraphQL-over-HTTP shape. */
function errorResponse(error: GraphQLError, status: number): Response {
  return Response.json({ errors: [error.toJSON()] }, { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

function statusOf(error: GraphQLError, fallback: number): number {
  const http = error.extensions['http'] as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : fallback;
}

/** The request's headers as the platform's auth reads them (the Node request's, else the Fetch request's). */
function headersOf(request: Request, serverContext: NodeServerContext | undefined): RequestWithHeaders {
  if (serverContext?.req) return serverContext.req;
  return { headers: Object.fromEntries(request.headers.entries()) };
}

/**
 * Authentication at the edge (createGatewayContext): a missing or invalid token ends the request
 * with UNAUTHENTICATED (HTTP 401) before parsing, validation or any subgraph call; until a
 * supergraph is composed every request ends with GATEWAY.NOT_READY (503). The verified principal
 * and the headers forwarded to subgraphs join the GraphQL context.
 */
export function createEdgeAuth(deps: GatewayContextDeps): EdgeAuth {
  const contextOf = createGatewayContext(deps);
  const accepted = new WeakMap<Request, Pick<GatewayContext, 'principal' | 'forwardHeaders'>>();
  const plugin: GatewayPlugin<GatewayContext> = {
    async onRequest({ request, serverContext, endResponse }) {
      try {
        const { principal, forwardHeaders } = await contextOf({ req: headersOf(request, serverContext as NodeServerContext | undefined) });
        accepted.set(request, { principal, forwardHeaders });
      } catch (error: unknown) {
        if (!(error instanceof GraphQLError)) throw error;
        endResponse(errorResponse(error, statusOf(error, 500)));
      }
    },
    onContextBuilding({ context, extendContext }) {
      const edge = accepted.get(context.request);
      if (edge) extendContext(edge);
    },
  };
  return { plugin, principalOf: (request) => accepted.get(request)?.principal, authenticate: (headers) => contextOf({ req: { headers: { ...headers } } }) };
}

export interface EdgeAuth {
  readonly plugin: GatewayPlugin<GatewayContext>;
  /** The verified caller of a request the plugin admitted. */
  principalOf(request: Request): Principal | undefined;
  /** The same check of headers that arrive otherwise (a WebSocket's connection_init): throws the coded error the plugin answers. */
  authenticate(headers: Readonly<Record<string, string>>): Promise<GatewayContext>;
}

/** Apollo Server's rule: a request a browser could send cross-site without a preflight is refused. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight', 'graphql-preflight'];
const NON_SIMPLE_TYPES = new Set(['application/json', 'application/graphql-response+json', 'application/graphql']);

/**
 * CSRF prevention as the gateway always had it: a GET, or a POST whose content type a form could
 * send, must carry a header only a script can set (`graphql-preflight`, `apollo-require-preflight`
 * or `x-apollo-operation-name`); JSON POSTs need none, as a browser preflights them.
 */
export function useCsrfPrevention(): GatewayPlugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method === 'OPTIONS') return;
      const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (request.method !== 'GET' && contentType !== undefined && NON_SIMPLE_TYPES.has(contentType)) return;
      if (PREFLIGHT_HEADERS.some((name) => request.headers.has(name))) return;
      const refusal = gatewayError(
        GatewayErrorCode.CsrfSuspected,
        'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF): send a `graphql-preflight` header, or a JSON body.',
      );
      endResponse(errorResponse(refusal, 400));
    },
  };
}

/** Refuses `__schema` and `__type` (production): the schema is not published to callers. */
export function noIntrospectionRule(context: ValidationContext) {
  return {
    Field(node: { name: { value: string } }) {
      const name = node.name.value;
      if (name === '__schema' || name === '__type') {
        context.reportError(gatewayError(GatewayErrorCode.IntrospectionDisabled, `GraphQL introspection is not allowed here (the operation asked for ${name})`));
      }
    },
  };
}

/**
 * Validation rules every operation passes before planning. Their errors are the runtime's validation
 * errors: GRAPHQL_VALIDATION_FAILED, HTTP 400 (useAnswerErrors), the gateway's own keep their `reason`.
 */
export function useValidationRules(rules: readonly ValidationRule[]): GatewayPlugin {
  return {
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}

const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * Production answers carry no stack traces (none forwarded from a subgraph either), no internal
 * messages and no field suggestions.
 */
export function productionFormatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, exception: _exception, originalError: _originalError, ...extensions } = formatted.extensions ?? {};
  const internal = extensions['code'] === 'INTERNAL_SERVER_ERROR';
  return { ...formatted, message: internal ? 'Internal server error' : formatted.message.replace(SUGGESTION, ''), extensions };
}

/**
 * Production's last line for errors that are not the gateway's, a subgraph's or a request's own (a
 * defect: an Error thrown somewhere, wrapped by the runtime): "Internal server error", no message.
 * An error with a code (every GraphQL error the gateway, its runtime or a subgraph raises) passes.
 */
export function maskUnexpected(error: unknown): Error {
  if (error instanceof GraphQLError && (error.extensions['code'] !== undefined || error.originalError === undefined || error.originalError instanceof GraphQLError)) return error;
  const http = error instanceof GraphQLError ? error.extensions['http'] : undefined;
  return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR', ...(http ? { http } : {}) } });
}

/**
 * One error as production answers it: productionFormatError's message and extensions, still a
 * GraphQLError (the runtime reads its `extensions.http` for the status, then leaves it out of the
 * answer), without the error it wraps (never serialised to the client).
 */
function productionError(error: GraphQLError | GraphQLFormattedError): GraphQLError {
  const formatted = productionFormatError(error instanceof GraphQLError ? error.toJSON() : error);
  return new GraphQLError(formatted.message, {
    ...(error instanceof GraphQLError ? { nodes: error.nodes, source: error.source, positions: error.positions } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: formatted.extensions as GraphQLErrorExtensions,
  });
}

/**
 * A request refused before execution (no `data`: e.g. a variable of the wrong type) whose errors
 * carry no code: Apollo's BAD_USER_INPUT and HTTP 400, as the gateway always answered.
 */
function requestError(result: ExecutionResult): ExecutionResult {
  if ('data' in result || !result.errors?.some((error) => error.extensions?.['code'] === undefined)) return result;
  return {
    ...result,
    errors: result.errors.map((error) =>
      error.extensions?.['code'] !== undefined
        ? error
        : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { status: 400, spec: false } } }),
    ),
  };
}

/**
 * Every answer's errors as callers get them: request errors coded (requestError), and in production
 * formatted by productionFormatError (queries, mutations and batched answers alike).
 */
export function useAnswerErrors(production: boolean): GatewayPlugin {
  const format = (result: ExecutionResult): ExecutionResult => {
    const coded = requestError(result);
    for (const error of coded.errors ?? []) {
      // The status the error asks for whatever the Accept header (Yoga answers 200 to application/json otherwise).
      const http = error.extensions?.['http'] as { spec?: boolean } | undefined;
      if (http?.spec) http.spec = false;
    }
    return production && coded.errors?.length ? { ...coded, errors: coded.errors.map(productionError) } : coded;
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map((one: ExecutionResult) => format(one)));
      else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) setResult(format(result as ExecutionResult));
    },
  };
}
