import { readLimitedBody, requestMediaType } from '@itsm/platform/service';
import type { HttpAnswer } from '@itsm/platform/service';
import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScimError, scimErrorBody } from './scim.errors';

/** The largest SCIM request body read (RFC 7644 leaves it to the provider); larger: 413. */
export const SCIM_MAX_BODY_BYTES = 1024 * 1024;
export const SCIM_CONTENT_TYPE = 'application/scim+json';
/** The media types read as SCIM bodies: RFC 7644's own and plain JSON, which clients also send. */
const SCIM_BODY_TYPES: ReadonlySet<string> = new Set([SCIM_CONTENT_TYPE, 'application/json']);

type BodyCarrier = IncomingMessage & { body?: unknown };

/**
 * Reads `application/scim+json` and `application/json` bodies alike (the directory declares /scim/v2
 * an own-body route, so the kit's JSON parser leaves them unread): at most 1 MB (413 beyond), JSON
 * only (400 invalidSyntax), answered with SCIM error bodies.
 */
@Injectable()
export class ScimBodyMiddleware implements NestMiddleware<BodyCarrier, ServerResponse> {
  use(request: BodyCarrier, response: ServerResponse, next: (error?: unknown) => void): void {
    if (!SCIM_BODY_TYPES.has(requestMediaType(request)) || request.body !== undefined) {
      next();
      return;
    }
    readLimitedBody(request, SCIM_MAX_BODY_BYTES).then((body) => {
      if (body.kind === 'too-large') {
        refuse(response, tooLarge());
        return;
      }
      try {
        request.body = body.text.trim() === '' ? undefined : (JSON.parse(body.text) as unknown);
      } catch {
        refuse(response, ScimError.badRequest('invalidSyntax', 'The request body is not JSON.'));
        return;
      }
      next();
    }, next);
  }
}

function tooLarge(): ScimError {
  return new ScimError(413, undefined, `A request body holds at most ${SCIM_MAX_BODY_BYTES} bytes.`);
}

export function refuse(response: ServerResponse, error: ScimError): void {
  if (response.headersSent) return;
  const answer = scimErrorAnswer(error);
  response.statusCode = error.status;
  response.setHeader('Content-Type', answer.contentType);
  response.end(answer.body);
}

/** A SCIM Error as an HTTP body (also what the gateway answers in the directory's place when it cannot reach it). */
export function scimErrorAnswer(error: ScimError): HttpAnswer {
  return { contentType: `${SCIM_CONTENT_TYPE}; charset=utf-8`, body: JSON.stringify(scimErrorBody(error)) };
}
