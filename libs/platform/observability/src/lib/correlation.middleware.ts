import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { runWithCorrelation } from './correlation';

interface HeaderRequest {
  readonly headers: Record<string, string | string[] | undefined>;
}
interface HeaderResponse {
  setHeader(name: string, value: string): unknown;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

function header(request: HeaderRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Runs each HTTP request inside a correlation context: the caller's `x-correlation-id` (the gateway
 * sets one per operation) or a new one, and its W3C `traceparent`. Every log line and every event
 * the request causes carries them; malformed values are replaced, never trusted.
 */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware<HeaderRequest, HeaderResponse> {
  use(request: HeaderRequest, response: HeaderResponse, next: () => void): void {
    const given = header(request, 'x-correlation-id');
    const correlationId = given !== undefined && CORRELATION_ID.test(given) ? given : randomUUID();
    const traceparent = header(request, 'traceparent');
    response.setHeader('x-correlation-id', correlationId);
    runWithCorrelation({ correlationId, ...(traceparent !== undefined && TRACEPARENT.test(traceparent) ? { traceparent } : {}) }, next);
  }
}
