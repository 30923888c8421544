import { BreakerOpenError, BreakerTimeoutError, createBreaker } from '@itsm/platform/resilience';
import type { Breaker, BreakerHooks, BreakerSettings } from '@itsm/platform/resilience';
import { isUnderPrefix } from '@itsm/platform/service';
import type { HttpForward } from '@itsm/platform/service';
import type { OnApplicationShutdown } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Logger } from 'pino';
import { GATEWAY_BREAKER_POLICY } from './subgraph-fetcher';

/** Upper bound until the context's answer starts (and of any silence after that) (default 30 000 ms). */
export const DEFAULT_FORWARD_TIMEOUT_MS = 30_000;

/** One breaker per forwarded route: the gateway's explicit policy, its own timeout. */
export function forwardBreakerSettings(forward: HttpForward, timeoutMs: number): BreakerSettings {
  return { name: `forward:${forward.context}${forward.prefix}`, timeoutMs, ...GATEWAY_BREAKER_POLICY };
}

/** RFC 9110 §7.6.1: headers of one connection, never forwarded (also those the Connection header names). */
const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set((headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase()));
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) kept[name] = value;
  }
  return kept;
}

/** The client's headers (Authorization, If-Match, content type and length, ...) plus X-Forwarded-For/-Host/-Proto, so the context writes URLs the client can use. */
export function forwardedRequestHeaders(request: IncomingMessage, targetHost: string): OutgoingHttpHeaders {
  const headers = endToEnd(request.headers);
  const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true;
  const client = request.socket.remoteAddress;
  const before = request.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = [before, client].filter((part) => part !== undefined && part !== '').join(', ');
  headers['x-forwarded-host'] = request.headers['x-forwarded-host'] ?? request.headers.host ?? targetHost;
  headers['x-forwarded-proto'] = request.headers['x-forwarded-proto'] ?? (encrypted ? 'https' : 'http');
  headers.host = targetHost;
  return headers;
}

/** A 5xx answer counts as a breaker failure, yet is relayed to the client as it is. */
class ServerErrorAnswer extends Error {
  constructor(readonly response: IncomingMessage) {
    super(`answered HTTP ${response.statusCode ?? 'without a status'}`);
  }
}

/** The context went silent for the timeout (before or while answering). */
class ForwardIdleError extends Error {
  override readonly name = 'ForwardIdleError';
}

interface Route {
  readonly forward: HttpForward;
  readonly target: URL;
  readonly breaker: Breaker<[IncomingMessage, AbortSignal], IncomingMessage>;
}

export interface HttpForwarderOptions {
  readonly timeoutMs: number;
  readonly hooks?: BreakerHooks;
  readonly logger: Pick<Logger, 'warn'>;
}

/**
 * Serves other contexts' routes on this port (the all-in-one's gateway serving /scim/v2): a streaming
 * reverse proxy (method, path and query, end-to-end headers, body, status, response headers such as
 * ETag and Location), each route behind a circuit breaker. When the context cannot be reached or the
 * circuit is open it answers the route's own 503 (with Retry-After), when it is too slow its 504; a
 * 5xx of the context is relayed and counts as a failure. Nothing is retried: SCIM writes are not idempotent.
 */
export class HttpForwarder implements OnApplicationShutdown {
  private readonly routes: readonly Route[];

  constructor(
    forwards: readonly HttpForward[],
    private readonly options: HttpForwarderOptions,
  ) {
    this.routes = forwards.map((forward) => {
      const target = new URL(forward.target);
      const send = (request: IncomingMessage, signal: AbortSignal): Promise<IncomingMessage> => this.send(request, target, signal);
      return { forward, target, breaker: createBreaker(send, forwardBreakerSettings(forward, options.timeoutMs), options.hooks) };
    });
  }

  /** The prefixes it serves (their request bodies must stay unread until forwarded). */
  get prefixes(): readonly string[] {
    return this.routes.map((route) => route.forward.prefix);
  }

  /** Express middleware: forwards a request under a route's prefix, passes others on. */
  readonly handle = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const route = this.routes.find((candidate) => isUnderPrefix(request.url ?? '', candidate.forward.prefix));
    if (route === undefined) {
      next();
      return;
    }
    void this.forward(route, request, response);
  };

  /** Stops the breakers' timers (Nest calls it when the gateway app closes). */
  onApplicationShutdown(): void {
    for (const route of this.routes) route.breaker.shutdown();
  }

  private async forward(route: Route, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const abort = new AbortController();
    // A client that leaves stops the context's work on its behalf.
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    let answer: IncomingMessage;
    try {
      answer = await route.breaker.fire(request, abort.signal);
    } catch (error: unknown) {
      if (error instanceof ServerErrorAnswer) answer = error.response;
      else {
        abort.abort();
        this.refuse(route, request, response, error);
        return;
      }
    }
    response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
    pipeline(answer, response, () => undefined);
  }

  private send(request: IncomingMessage, target: URL, signal: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: forwardedRequestHeaders(request, target.host),
        signal,
      });
      upstream.setTimeout(this.options.timeoutMs, () => upstream.destroy(new ForwardIdleError(`no data for ${this.options.timeoutMs} ms`)));
      upstream.on('response', (answer) => ((answer.statusCode ?? 500) >= 500 ? reject(new ServerErrorAnswer(answer)) : resolve(answer)));
      upstream.on('error', reject);
      // pipe, not pipeline: a failed upstream must not destroy the client's socket before it is answered.
      request.pipe(upstream);
    });
  }

  private refuse(route: Route, request: IncomingMessage, response: ServerResponse, error: unknown): void {
    const { context } = route.forward;
    this.options.logger.warn({ err: error, context, path: request.url?.split('?', 1)[0] }, `forwarding to ${context} failed`);
    request.unpipe();
    request.resume();
    if (response.headersSent || response.destroyed) return;
    const timedOut = error instanceof BreakerTimeoutError || error instanceof ForwardIdleError;
    const detail =
      error instanceof BreakerOpenError
        ? `The ${context} service is unavailable (too many recent failures); retry later.`
        : timedOut
          ? `The ${context} service did not answer within ${this.options.timeoutMs} ms.`
          : `The ${context} service cannot be reached.`;
    const answer = route.forward.unreachable(timedOut ? 504 : 503, detail);
    response.writeHead(timedOut ? 504 : 503, {
      'content-type': answer.contentType,
      'content-length': Buffer.byteLength(answer.body),
      ...(timedOut ? {} : { 'retry-after': String(Math.ceil(GATEWAY_BREAKER_POLICY.resetTimeoutMs / 1000)) }),
    });
    response.end(answer.body);
  }
}
