import { readLimitedBytes, requestMediaType } from '@itsm/platform/service';
import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SupplierExchangeErrorCode } from '../domain';
import { inboundError, SUPPLIER_INBOUND_MAX_BODY_BYTES, SUPPLIER_INBOUND_MEDIA_TYPES, writeInboundAnswer } from './supplier-inbound-http';

/** A request whose body the middleware read: the bytes as sent, which the signature covers. */
export type SignedBodyCarrier = IncomingMessage & { signedBody?: Buffer };

/**
 * Reads a supplier's POSTed message as bytes, undecoded (the context declares the endpoint an
 * own-body route, so the kit's parsers leave it unread): `application/cloudevents+json` or
 * `application/json` only (415), at most 256 KiB (413); each refusal SUPPLIER_EXCHANGE.INVALID_MESSAGE.
 */
@Injectable()
export class SupplierInboundBodyMiddleware implements NestMiddleware<SignedBodyCarrier, ServerResponse> {
  use(request: SignedBodyCarrier, response: ServerResponse, next: (error?: unknown) => void): void {
    const refuse = (status: number, reason: string, message: string) => writeInboundAnswer(response, { status, body: inboundError(SupplierExchangeErrorCode.InvalidMessage, reason, message) });
    if (!SUPPLIER_INBOUND_MEDIA_TYPES.has(requestMediaType(request))) {
      request.resume();
      refuse(415, 'unsupported_media_type', 'the body must be a structured-mode CloudEvent: application/cloudevents+json or application/json');
      return;
    }
    readLimitedBytes(request, SUPPLIER_INBOUND_MAX_BODY_BYTES).then((body) => {
      if (body.kind === 'too-large') {
        refuse(413, 'too_large', `a message holds at most ${SUPPLIER_INBOUND_MAX_BODY_BYTES} bytes`);
        return;
      }
      request.signedBody = body.bytes;
      next();
    }, next);
  }
}
