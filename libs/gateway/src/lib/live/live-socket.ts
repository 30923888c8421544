import type { Server } from 'node:http';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError } from 'graphql';
import type { ExecutionArgs, GraphQLSchema, ValidationRule } from 'graphql';
import { WebSocketServer } from 'ws';
import { productionFormatError } from '../edge-plugins';
import type { GatewayContext } from '../gateway-context';
import { GatewayErrorCode, gatewayError } from '../gateway.errors';
import type { GatewayLogger } from '../gateway-logger';
import { mayRunAdHoc, trustedDocumentsOnly, unknownDocument } from '../trusted-documents';
import type { TrustedDocuments } from '../trusted-documents';
import type { LiveFeed } from './live-feeds';
import type { LiveHub, Requery } from './live-hub';
import { liveSchema, prepareLiveOperation } from './live-operation';
import type { LiveOperation } from './live-operation';

/** Subscriptions one connection may hold at once (default). */
export const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
/** Largest message a client may send (a subscribe message with its document). */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface LiveSocketDeps {
  readonly feeds: readonly LiveFeed[];
  /** Undefined when the gateway has no event feed (or it did not start): every subscription answers GATEWAY.SUBSCRIPTIONS_UNAVAILABLE. */
  readonly hub: () => LiveHub | undefined;
  /** The edge's authentication of a request's headers (throws the coded GraphQLError it answers HTTP with). */
  readonly authenticate: (headers: Readonly<Record<string, string>>) => Promise<GatewayContext>;
  /** The composed supergraph's API. */
  readonly schema: () => Promise<GraphQLSchema>;
  /** The rules every operation passes (limits; no introspection in production). */
  readonly rules: readonly ValidationRule[];
  /** Runs `operation` for one changed entity with the subscriber's forwarded headers. */
  readonly requery: (operation: LiveOperation, headers: Readonly<Record<string, string>>) => Requery;
  readonly trusted?: TrustedDocuments;
  readonly maxSubscriptionsPerConnection?: number;
  /** Production: errors carry no suggestions, stack traces or internal messages (as on HTTP). */
  readonly production: boolean;
  readonly logger: GatewayLogger;
}

interface Connection {
  edge?: GatewayContext;
  /** When the connection's token expires (ms since the epoch), if it says. */
  expiresAt?: number;
  readonly open: Set<string>;
}

/** How long closing waits for clients to answer the close handshake before dropping them. */
const CLOSE_GRACE_MS = 1_000;
/** The close reason when the connection's token expired: the client reconnects with a fresh one. */
const TOKEN_EXPIRED = 'AUTH.TOKEN_EXPIRED';

/** The `exp` of a bearer token already verified (ms), or undefined. */
function expiryOf(authorization: string | undefined): number | undefined {
  const payload = authorization?.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

interface LiveContext {
  readonly operation: LiveOperation;
  readonly edge: GatewayContext;
}

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The operation's text: as sent, or its trusted document; errors as the HTTP endpoint answers them. */
function documentOf(payload: SubscribePayload, edge: GatewayContext, trusted: TrustedDocuments | undefined): string | GraphQLError {
  const persisted = (payload.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined)?.sha256Hash ?? payload.extensions?.['documentId'];
  if (typeof persisted === 'string') return trusted?.documents.get(persisted) ?? unknownDocument();
  if (trusted && !mayRunAdHoc(trusted, edge.principal)) return trustedDocumentsOnly();
  return typeof payload.query === 'string' ? payload.query : unknownDocument();
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol, `graphql-transport-ws`) on the
 * gateway's HTTP server at `path`. The connection authenticates once (connection_init's
 * `authorization`, else the upgrade request's header; refused: closed 4403 with the error code as
 * reason, 1013 while the gateway is not ready); every subscription is then checked as a query is
 * (trusted documents, validation, limits) and served by the hub: each change of its feed is answered
 * by re-running its selection with the subscriber's own token (an expired token ends it).
 * Queries and mutations stay on HTTP. Close it before the HTTP server.
 */
export function attachLiveSocket(server: Server, path: string, deps: LiveSocketDeps): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server, path, maxPayload: MAX_MESSAGE_BYTES });
  const maxOpen = deps.maxSubscriptionsPerConnection ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION;
  const connections = new WeakMap<object, Connection>();
  const connectionOf = (extra: object): Connection => {
    let connection = connections.get(extra);
    if (!connection) connections.set(extra, (connection = { open: new Set() }));
    return connection;
  };
  /** A subscribe message as the execution arguments graphql-ws runs (with its LiveContext), or the errors it answers. */
  const prepare = async (connection: Connection, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    const edge = connection.edge as GatewayContext;
    if (connection.expiresAt !== undefined && connection.expiresAt <= Date.now()) return [new GraphQLError('the access token expired: reconnect with a fresh one', { extensions: { code: 'UNAUTHENTICATED', reason: TOKEN_EXPIRED } })];
    if (!deps.hub()) return [gatewayError(GatewayErrorCode.SubscriptionsUnavailable, 'this gateway has no event feed: subscriptions are off (KAFKA_BROKERS is not set)')];
    const text = documentOf(payload, edge, deps.trusted);
    if (text instanceof GraphQLError) return [text];
    let schema: GraphQLSchema;
    try {
      schema = liveSchema(await deps.schema(), deps.feeds);
    } catch (error: unknown) {
      deps.logger.warn(`subscriptions: the supergraph lacks a feed's types (${error instanceof Error ? error.message : String(error)})`);
      return [gatewayError(GatewayErrorCode.SubscriptionsUnavailable, 'the subgraphs serving subscriptions are not composed right now')];
    }
    const operation = prepareLiveOperation(schema, deps.feeds, { query: text, operationName: payload.operationName ?? null, variables: payload.variables ?? null }, deps.rules);
    if (Array.isArray(operation)) return operation;
    const live = operation as LiveOperation;
    const contextValue: LiveContext = { operation: live, edge };
    return { schema, document: live.document, operationName: payload.operationName ?? null, contextValue };
  };
  // The HTTP server's errors are re-emitted here; graphql-ws listens once.
  wss.on('error', (error) => deps.logger.error(`subscriptions socket server: ${error.message}`));
  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx) => {
        const given = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        const request = ctx.extra.request;
        const headers: Record<string, string> = {};
        const authorization = typeof given === 'string' ? given : headerValue(request.headers.authorization);
        if (authorization) headers['authorization'] = authorization;
        for (const name of ['x-correlation-id', 'traceparent']) {
          const value = headerValue(request.headers[name]);
          if (value) headers[name] = value;
        }
        try {
          const connection = connectionOf(ctx.extra);
          connection.edge = await deps.authenticate(headers);
          // A connection lives as long as its token: closed when it expires, so the client reconnects with a fresh one before it misses a change.
          connection.expiresAt = expiryOf(authorization);
          if (connection.expiresAt !== undefined) {
            const socket = ctx.extra.socket;
            const timer = setTimeout(() => socket.close(4403, TOKEN_EXPIRED), Math.max(0, connection.expiresAt - Date.now()));
            timer.unref();
            socket.once('close', () => clearTimeout(timer));
          }
          return true;
        } catch (error: unknown) {
          if (!(error instanceof GraphQLError)) throw error;
          const status = (error.extensions['http'] as { status?: number } | undefined)?.status;
          const code = String(error.extensions['reason'] ?? error.extensions['code'] ?? 'UNAUTHENTICATED');
          ctx.extra.socket.close(status === 503 ? 1013 : 4403, code);
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const connection = connectionOf(ctx.extra);
        if (connection.open.size >= maxOpen) return [gatewayError(GatewayErrorCode.TooManySubscriptions, `at most ${maxOpen} subscriptions per connection`)];
        // The slot is taken before the first await: a burst of subscribe messages cannot pass the bound together.
        connection.open.add(id);
        try {
          const prepared = await prepare(connection, payload);
          if (Array.isArray(prepared)) connection.open.delete(id);
          return prepared;
        } catch (error: unknown) {
          connection.open.delete(id);
          deps.logger.error(`subscription refused by a defect: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          return [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
        }
      },
      subscribe: (args) => {
        const { operation, edge } = args.contextValue as LiveContext;
        const hub = deps.hub();
        return hub ? hub.open(operation, deps.requery(operation, edge.forwardHeaders), edge.principal.userId) : { errors: [gatewayError(GatewayErrorCode.SubscriptionsUnavailable, 'the event feed stopped: subscriptions are off')] };
      },
      onComplete: (ctx, id) => void connectionOf(ctx.extra).open.delete(id),
      ...(deps.production
        ? {
            onError: (_ctx, _id, _payload, errors) => errors.map((error) => productionFormatError(error.toJSON())),
            onNext: (_ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: result.errors.map((error) => productionFormatError(error.toJSON())) } : undefined),
          }
        : {}),
    },
    wss,
  );
  return {
    async close() {
      // Clients that do not answer the close handshake are dropped after a grace period (ws would wait 30 s).
      const drop = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, CLOSE_GRACE_MS);
      try {
        await disposable.dispose();
      } finally {
        clearTimeout(drop);
      }
    },
  };
}
