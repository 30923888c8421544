import { ContractError, ContractErrorCode } from './contract.errors';
import type { EventEnvelope } from './event-envelope';
import { CONTENT_TYPE_HEADER, decodeEnvelope } from './kafka-binding';

/** The context attributes an envelope carries besides `data` (the CloudEvents core ones and this platform's extensions). */
const ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'sequence', 'correlationid', 'causationid', 'traceparent', 'tenant'] as const;

/**
 * CloudEvents HTTP protocol binding, structured content mode: one JSON object holding the
 * attributes and `data` (what a supplier POSTs). Checked exactly as a Kafka record is (decodeEnvelope):
 * the attributes become the record's `ce_*` headers and `data` its value, so both transports accept
 * and refuse the same envelopes. `sequence` may be a JSON number or its decimal text; `data_base64`
 * is not accepted (this platform's payloads are JSON). Throws ContractError(MALFORMED_ENVELOPE)
 * naming every fault.
 */
export function decodeStructuredEnvelope(json: unknown): EventEnvelope {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ContractError(ContractErrorCode.MalformedEnvelope, 'malformed CloudEvent', ['the event is not a JSON object']);
  }
  const event = json as Readonly<Record<string, unknown>>;
  const problems: string[] = [];
  const headers: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    const value = event[name];
    if (value === undefined) continue;
    if (typeof value === 'string') headers[`ce_${name}`] = value;
    else if (name === 'sequence' && typeof value === 'number' && Number.isSafeInteger(value)) headers['ce_sequence'] = String(value);
    else problems.push(`${name} must be ${name === 'sequence' ? 'a positive integer' : 'a string'}`);
  }
  const contentType = event['datacontenttype'];
  if (contentType !== undefined) {
    if (typeof contentType === 'string') headers[CONTENT_TYPE_HEADER] = contentType;
    else problems.push('datacontenttype must be a string');
  }
  if ('data_base64' in event) problems.push('data_base64 is not accepted: data is JSON');
  if (!('data' in event)) problems.push('data is required');
  if (problems.length > 0) throw new ContractError(ContractErrorCode.MalformedEnvelope, 'malformed CloudEvent', problems);
  const subject = headers['ce_subject'];
  return decodeEnvelope({ key: subject ?? null, value: Buffer.from(JSON.stringify(event['data'])), headers });
}
