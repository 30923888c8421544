import { readLimitedBody, requestMediaType } from '@itsm/platform/service';
import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChangeErrorCode } from '../domain';
import { GATE_MAX_BODY_BYTES, gateErrorBody, refuseGate } from './gate-http';

type BodyCarrier = IncomingMessage & { body?: unknown };

/**
 * Reads a gate request's body (the change context declares the gate an own-body route, so the kit's
 * parsers leave it unread): `application/json` only (415 otherwise), at most 16 kB (413), JSON
 * (400); each refusal a typed JSON error (CHANGE.INVALID_INPUT with the field `body`).
 */
@Injectable()
export class GateBodyMiddleware implements NestMiddleware<BodyCarrier, ServerResponse> {
  use(request: BodyCarrier, response: ServerResponse, next: (error?: unknown) => void): void {
    if (requestMediaType(request) !== 'application/json') {
      request.resume();
      refuseGate(response, 415, gateErrorBody(ChangeErrorCode.InvalidInput, 'the body must be application/json', { field: 'body' }));
      return;
    }
    readLimitedBody(request, GATE_MAX_BODY_BYTES).then((body) => {
      if (body.kind === 'too-large') {
        refuseGate(response, 413, gateErrorBody(ChangeErrorCode.InvalidInput, `a gate request holds at most ${GATE_MAX_BODY_BYTES} bytes`, { field: 'body' }));
        return;
      }
      try {
        request.body = JSON.parse(body.text) as unknown;
      } catch {
        refuseGate(response, 400, gateErrorBody(ChangeErrorCode.InvalidInput, 'the body is not JSON', { field: 'body' }));
        return;
      }
      next();
    }, next);
  }
}
