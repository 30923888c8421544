import { randomUUID } from 'node:crypto';
import { AuthError, authenticateRequest, toGraphqlAuthError } from '@itsm/platform/auth';
import type { Principal, RequestWithHeaders, TokenVerifier } from '@itsm/platform/auth';
import { currentCorrelation } from '@itsm/platform/observability';
import { GatewayErrorCode, gatewayError } from './gateway.errors';
import type { GatewayLogger } from './gateway-logger';

/** The headers every subgraph call of one request carries. */
export const FORWARDED_HEADERS = ['authorization', 'x-correlation-id', 'traceparent'] as const;

export interface GatewayContext {
  readonly req: RequestWithHeaders;
  /** Verified at the edge; subgraphs verify the forwarded token again (defence in depth). */
  readonly principal: Principal;
  readonly forwardHeaders: Readonly<Record<string, string>>;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function header(req: RequestWithHeaders, name: string): string | undefined {
  const value = req.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The request's own correlation id when the caller sent none: the one the correlation middleware
 * started (so the gateway's log lines, its answer's `x-correlation-id` and the subgraph calls agree).
 */
const requestCorrelationId = (): string => currentCorrelation()?.correlationId ?? randomUUID();

/** Forwards the caller's token and trace context; starts a correlation id when the caller sent none. */
export function forwardHeadersOf(req: RequestWithHeaders, newId: () => string = requestCorrelationId): Record<string, string> {
  const headers: Record<string, string> = {};
  const authorization = header(req, 'authorization');
  if (authorization) headers['authorization'] = authorization;
  const correlationId = header(req, 'x-correlation-id');
  headers['x-correlation-id'] = correlationId && CORRELATION_ID.test(correlationId) ? correlationId : newId();
  const traceparent = header(req, 'traceparent');
  if (traceparent && TRACEPARENT.test(traceparent)) headers['traceparent'] = traceparent;
  return headers;
}

export interface GatewayContextDeps {
  readonly verifier: TokenVerifier;
  readonly isReady: () => boolean;
  readonly logger: GatewayLogger;
}

/**
 * Apollo's context function: authentication at the edge. A missing or invalid token ends the request
 * with UNAUTHENTICATED (HTTP 401) before parsing, validation or any subgraph call.
 */
export function createGatewayContext({ verifier, isReady, logger }: GatewayContextDeps) {
  return async ({ req }: { req: RequestWithHeaders }): Promise<GatewayContext> => {
    let principal: Principal;
    try {
      principal = await authenticateRequest(req, req, verifier);
    } catch (error: unknown) {
      if (error instanceof AuthError) throw toGraphqlAuthError(error, true);
      logger.error(`access token verification failed: ${error instanceof Error ? error.message : String(error)}`);
      throw gatewayError(GatewayErrorCode.AuthUnavailable, 'access tokens cannot be verified right now');
    }
    if (!isReady()) throw gatewayError(GatewayErrorCode.NotReady, 'the gateway is starting: its subgraphs have not answered yet');
    return { req, principal, forwardHeaders: forwardHeadersOf(req) };
  };
}
