import { GraphQLError } from 'graphql';

export enum GatewayErrorCode {
  /** No supergraph has been composed yet (subgraphs not reachable since start). */
  NotReady = 'GATEWAY.NOT_READY',
  /** The identity provider's keys could not be fetched: no token can be verified right now. */
  AuthUnavailable = 'GATEWAY.AUTH_UNAVAILABLE',
  SubgraphUnavailable = 'GATEWAY.SUBGRAPH_UNAVAILABLE',
  SubgraphTimeout = 'GATEWAY.SUBGRAPH_TIMEOUT',
  /** The subgraph's circuit breaker is open: the call was refused without trying. */
  SubgraphCircuitOpen = 'GATEWAY.SUBGRAPH_CIRCUIT_OPEN',
  MaxDepth = 'GATEWAY.MAX_DEPTH',
  MaxCost = 'GATEWAY.MAX_COST',
  MaxAliases = 'GATEWAY.MAX_ALIASES',
  /** Introspection asked of a production gateway. */
  IntrospectionDisabled = 'GATEWAY.INTROSPECTION_DISABLED',
  /** A request a browser could send cross-site without a preflight, and no preflight header. */
  CsrfSuspected = 'GATEWAY.CSRF_SUSPECTED',
  /** Trusted documents on: the id sent is not registered. */
  UnknownDocument = 'GATEWAY.UNKNOWN_DOCUMENT',
  /** Trusted documents on: an operation's text from a caller without an ad-hoc role. */
  TrustedDocumentsOnly = 'GATEWAY.TRUSTED_DOCUMENTS_ONLY',
  /** A subscription asked of a gateway without an event feed (no KAFKA_BROKERS), or whose feed's types are not composed. */
  SubscriptionsUnavailable = 'GATEWAY.SUBSCRIPTIONS_UNAVAILABLE',
  /** More changes waited for one subscriber than its bound: the subscription ended (subscribe again, re-read). */
  SubscriptionOverflow = 'GATEWAY.SUBSCRIPTION_OVERFLOW',
  /** One connection asked for more subscriptions at once than the gateway serves per connection. */
  TooManySubscriptions = 'GATEWAY.TOO_MANY_SUBSCRIPTIONS',
}

interface GraphqlFace {
  /** `extensions.code`; undefined for validation errors, which Apollo marks GRAPHQL_VALIDATION_FAILED. */
  readonly code: string | undefined;
  /** HTTP status for errors raised before execution; none for errors inside a (partial) result. */
  readonly status: number | undefined;
}

function faceOf(code: GatewayErrorCode): GraphqlFace {
  switch (code) {
    case GatewayErrorCode.NotReady:
    case GatewayErrorCode.AuthUnavailable:
    case GatewayErrorCode.SubscriptionsUnavailable:
      return { code: 'SERVICE_UNAVAILABLE', status: 503 };
    case GatewayErrorCode.SubgraphUnavailable:
    case GatewayErrorCode.SubgraphTimeout:
    case GatewayErrorCode.SubgraphCircuitOpen:
      return { code: 'SUBGRAPH_UNAVAILABLE', status: undefined };
    case GatewayErrorCode.MaxDepth:
    case GatewayErrorCode.MaxCost:
    case GatewayErrorCode.MaxAliases:
    case GatewayErrorCode.IntrospectionDisabled:
      return { code: undefined, status: undefined };
    case GatewayErrorCode.CsrfSuspected:
    case GatewayErrorCode.UnknownDocument:
      return { code: 'BAD_REQUEST', status: 400 };
    case GatewayErrorCode.TrustedDocumentsOnly:
      return { code: 'FORBIDDEN', status: 403 };
    case GatewayErrorCode.SubscriptionOverflow:
      return { code: 'SUBSCRIPTION_OVERFLOW', status: undefined };
    case GatewayErrorCode.TooManySubscriptions:
      return { code: 'BAD_REQUEST', status: undefined };
  }
}

/** The one mapper from gateway codes to GraphQL errors: `extensions.reason` carries the code. */
export function gatewayError(code: GatewayErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const face = faceOf(code);
  return new GraphQLError(message, {
    extensions: {
      ...extensions,
      ...(face.code ? { code: face.code } : {}),
      reason: code,
      ...(face.status ? { http: { status: face.status } } : {}),
    },
  });
}
