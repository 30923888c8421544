import { ContractError, decodeStructuredEnvelope } from '@itsm/contracts';
import { verifyWebhook } from '@itsm/platform/webhooks';
import type { InboundHeaders } from '@itsm/platform/webhooks';
import type { ServerResponse } from 'node:http';
import { contractRefusal } from '../application/supplier-inbound/supplier-inbound.pipeline';
import type { InboundRefusalAnswer, PayloadChecked, SupplierInboundPipeline } from '../application/supplier-inbound/supplier-inbound.pipeline';
import { SupplierExchangeErrorCode } from '../domain';

/**
 * The suppliers' TMF621-style inbound endpoint: `POST /tmf-api/supplier/v1/{supplierId}/troubleTicketEvent`
 * (TMF630's `/tmf-api/<api>/v<n>` root; one resource for every event of the supplier family, whose
 * CloudEvent `type` names the event). Its own-body route: the kit's parsers leave the bytes for the signature.
 */
export const SUPPLIER_INBOUND_ROOT = 'tmf-api/supplier/v1';
export const SUPPLIER_INBOUND_ROUTE_PREFIX = `/${SUPPLIER_INBOUND_ROOT}`;
export const SUPPLIER_INBOUND_RESOURCE = ':supplierId/troubleTicketEvent';
/** The largest message read (a CloudEvent with a note; the Kafka binding allows 1 MiB, a public endpoint less); larger: 413. */
export const SUPPLIER_INBOUND_MAX_BODY_BYTES = 256 * 1024;
/** The media types of a structured-mode CloudEvent: its own and plain JSON. */
export const SUPPLIER_INBOUND_MEDIA_TYPES: ReadonlySet<string> = new Set(['application/cloudevents+json', 'application/json']);
const JSON_TYPE = 'application/json; charset=utf-8';

/** What the endpoint answers a taken message: 202 the first time, 200 with the same ids for the same message id again. */
export interface InboundAcceptedJson {
  readonly messageId: string;
  /** The id of the update-received event the message became (stable per message id). */
  readonly updateId: string;
  readonly replayed: boolean;
}

/** What the endpoint answers a refused message (every refusal, whatever the status). */
export interface InboundErrorJson {
  readonly code: SupplierExchangeErrorCode;
  /** snake_case, stable: what a supplier's code switches on (the dead-letter reasons of the Kafka path). */
  readonly reason: string;
  readonly message: string;
  readonly details: readonly string[];
}

export interface InboundHttpAnswer {
  readonly status: number;
  readonly body: InboundAcceptedJson | InboundErrorJson;
}

/** The HTTP status of a refusal by its code (exhaustive). */
export function inboundErrorStatus(code: SupplierExchangeErrorCode): number {
  switch (code) {
    case SupplierExchangeErrorCode.UnknownSupplier:
      return 404;
    case SupplierExchangeErrorCode.Unauthenticated:
      return 401;
    case SupplierExchangeErrorCode.InvalidMessage:
    case SupplierExchangeErrorCode.InvalidMapping:
    case SupplierExchangeErrorCode.InvalidConnection:
    case SupplierExchangeErrorCode.Mismatch:
      return 400;
    case SupplierExchangeErrorCode.InboundRefused:
    case SupplierExchangeErrorCode.UnknownTicket:
      return 422;
    case SupplierExchangeErrorCode.Conflict:
    case SupplierExchangeErrorCode.NotHeld:
      return 409;
    case SupplierExchangeErrorCode.Unavailable:
      return 503;
  }
}

export function inboundError(code: SupplierExchangeErrorCode, reason: string, message: string, details: readonly string[] = []): InboundErrorJson {
  return { code, reason, message, details };
}

const refusedAnswer = (refused: InboundRefusalAnswer): InboundHttpAnswer => ({
  status: inboundErrorStatus(refused.code),
  body: inboundError(refused.code, refused.reason, refused.message, refused.details),
});

const refused = (reason: string, message: string): InboundRefusalAnswer => ({ kind: 'refused', code: SupplierExchangeErrorCode.InvalidMessage, reason, message, details: [] });

/**
 * One POSTed message through the supplier inbound pipeline, in order: the path's supplier has a
 * connection (404); the Standard Webhooks signature over the raw bytes by one of its keys within the
 * window (401, the verification's reason); the body is JSON, a structured-mode CloudEvent and a
 * message of the family's schemas (400); `webhook-id` is the CloudEvent's id, which the replay
 * receipts key on (400 `id_mismatch`); then the decision: applied 202, the same id again 200 with
 * the same answer (nothing applied again), refused 422 with decideInbound's reason.
 */
export async function answerInboundPost(pipeline: SupplierInboundPipeline, supplierId: string, headers: InboundHeaders, body: Buffer): Promise<InboundHttpAnswer> {
  const authenticated = await pipeline.authenticate(supplierId, (keys, now, tolerance) => verifyWebhook(keys, headers, body, now, tolerance));
  if (authenticated.kind === 'refused') return refusedAnswer(authenticated);
  const checked = decodeMessage(pipeline, supplierId, body);
  if (checked.kind === 'refused') return refusedAnswer(checked);
  const message = checked.message;
  // Verified, so exactly one webhook-id header.
  if (headers['webhook-id'] !== message.id) return refusedAnswer(refused('id_mismatch', 'the webhook-id header must be the CloudEvent id'));
  const received = await pipeline.receive(supplierId, authenticated.connection, message);
  if (received.kind === 'refused') return refusedAnswer(received);
  return { status: received.kind === 'applied' ? 202 : 200, body: { messageId: message.id, updateId: received.updateId, replayed: received.kind === 'replayed' } };
}

/** The body as a message of the supplier family: JSON, a structured-mode CloudEvent, its type's schema. */
function decodeMessage(pipeline: SupplierInboundPipeline, supplierId: string, body: Buffer): PayloadChecked {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return refused('not_json', 'the body is not JSON');
  }
  try {
    return pipeline.checkPayload(supplierId, decodeStructuredEnvelope(json));
  } catch (error) {
    if (error instanceof ContractError) return contractRefusal(error);
    throw error;
  }
}

/** Writes a JSON answer (once: nothing when an answer already started). */
export function writeInboundAnswer(response: ServerResponse, answer: InboundHttpAnswer): void {
  if (response.headersSent) return;
  response.statusCode = answer.status;
  response.setHeader('Content-Type', JSON_TYPE);
  response.end(JSON.stringify(answer.body));
}
