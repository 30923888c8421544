import { DLQ_HEADERS } from '../topic-registry';
import { CE_HEADER_LIMITS, CONTENT_TYPE_HEADER, SEQUENCE_PATTERN, TRACEPARENT_PATTERN } from '../kafka-binding';

/** A JSON value as the AsyncAPI document holds it (plain data: no symbols, no functions). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

export const CLOUD_EVENTS_HEADERS = 'CloudEventsKafkaHeaders';
export const SIGNATURE_HEADERS = 'StandardWebhooksRecordHeaders';
export const SIGNATURE_TRAIT = 'StandardWebhooksSigned';
export const DEAD_LETTER_HEADERS = 'DeadLetterHeaders';

const text = (maxLength: number, description: string): JsonObject => ({ type: 'string', minLength: 1, maxLength, description });

/**
 * The headers `encodeEnvelope` writes (CloudEvents 1.0 Kafka protocol binding, binary content mode)
 * and `decodeEnvelope` checks: exactly those, with the same bounds.
 */
export function cloudEventsHeadersSchema(): JsonObject {
  return {
    type: 'object',
    description: 'CloudEvents 1.0 attributes as Kafka record headers (binary content mode); the record value is the JSON data, the record key equals ce_subject.',
    required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time', 'ce_sequence', 'ce_correlationid', CONTENT_TYPE_HEADER],
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: text(CE_HEADER_LIMITS.id, 'The event id; (ce_source, ce_id) identifies a duplicate.'),
      ce_source: text(CE_HEADER_LIMITS.source, 'The producing service (URI reference).'),
      ce_type: text(CE_HEADER_LIMITS.type, 'The event type: one of the channel\'s message names.'),
      ce_subject: text(CE_HEADER_LIMITS.subject, 'The aggregate id; also the record key, so one aggregate\'s events stay in order.'),
      ce_time: { type: 'string', format: 'date-time', description: 'When the event happened (RFC 3339).' },
      ce_sequence: { type: 'string', pattern: SEQUENCE_PATTERN, description: 'Extension: the event\'s number in its aggregate\'s stream; consumers apply events in this order.' },
      ce_correlationid: text(CE_HEADER_LIMITS.correlationid, 'Extension: the id shared by every event one request caused.'),
      ce_causationid: text(CE_HEADER_LIMITS.causationid, 'Extension (optional): the id of the event that caused this one.'),
      ce_traceparent: { type: 'string', pattern: TRACEPARENT_PATTERN, description: 'Extension (optional): W3C trace context of the producing span.' },
      ce_tenant: text(CE_HEADER_LIMITS.tenant, 'Extension (optional): the tenant or supplier the event belongs to.'),
      [CONTENT_TYPE_HEADER]: { type: 'string', const: 'application/json' },
    },
  };
}

/** The Standard Webhooks headers a signed record adds; its webhook-id is the record's `ce_id`. */
export function signatureHeadersSchema(): JsonObject {
  return {
    type: 'object',
    required: ['webhook-timestamp', 'webhook-signature'],
    properties: {
      'webhook-timestamp': { type: 'string', pattern: '^[0-9]{1,15}$', description: 'Unix seconds when the record was signed; refused outside a tolerance of about 5 minutes.' },
      'webhook-signature': {
        type: 'string',
        pattern: '^v1a?,\\S+( v1a?,\\S+)*$',
        description: 'Space-separated `<version>,<base64>` entries, one per key (two during a rotation): v1 = HMAC-SHA256, v1a = Ed25519.',
      },
    },
  };
}

export function signatureTrait(): JsonObject {
  return {
    summary: 'Signed with the Standard Webhooks scheme',
    description:
      'The record carries `webhook-timestamp` and `webhook-signature` headers. The signed content is `<ce_id>.<webhook-timestamp>.<record value bytes>` ' +
      '(ce_id plays webhook-id, the idempotency key stable across retries); v1 is HMAC-SHA256 with a shared secret of at least 24 bytes, v1a is Ed25519. ' +
      'The receiver compares in constant time, accepts any listed key (rotation) and trusts only the signed id and value, not the other ce_* headers.',
    externalDocs: { description: 'Standard Webhooks specification', url: 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md' },
  };
}

/** What the dead-letter writer adds next to a failed record's original headers and bytes. */
export function deadLetterHeadersSchema(): JsonObject {
  return {
    type: 'object',
    description: 'The failed record\'s own headers (the ce_* headers of its channel), plus these.',
    required: Object.values(DLQ_HEADERS),
    properties: Object.fromEntries(Object.values(DLQ_HEADERS).map((name) => [name, { type: 'string' }])),
  };
}
