import { ContractError, ContractErrorCode } from './contract.errors';
import type { EventEnvelope } from './event-envelope';

/**
 * CloudEvents Kafka protocol binding, binary content mode: attributes travel as `ce_*` headers,
 * the JSON data is the record value and the subject (aggregate id) is the record key.
 */
export type RecordHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export interface EncodedRecord {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

export interface RawRecord {
  readonly key: Buffer | string | null;
  readonly value: Buffer | null;
  readonly headers: RecordHeaders | undefined;
}

export const CONTENT_TYPE_HEADER = 'content-type';
/** Largest record value accepted from the wire (a supplier cannot make a consumer buffer more). */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** Longest value of each `ce_*` header a consumer accepts. */
export const CE_HEADER_LIMITS = { id: 256, source: 1024, type: 256, subject: 256, correlationid: 256, causationid: 256, tenant: 256 } as const;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
/** W3C trace context `traceparent` (version-traceid-parentid-flags). */
export const TRACEPARENT_PATTERN = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';
const TRACEPARENT = new RegExp(TRACEPARENT_PATTERN);
/** `ce_sequence`: the aggregate's event number, a positive safe integer in decimal. */
export const SEQUENCE_PATTERN = '^[1-9][0-9]{0,15}$';
const SEQUENCE = new RegExp(SEQUENCE_PATTERN);

export function encodeEnvelope(envelope: EventEnvelope): EncodedRecord {
  const headers: Record<string, string> = {
    ce_specversion: envelope.specversion,
    ce_id: envelope.id,
    ce_source: envelope.source,
    ce_type: envelope.type,
    ce_subject: envelope.subject,
    ce_time: envelope.time,
    ce_sequence: String(envelope.sequence),
    ce_correlationid: envelope.correlationid,
    [CONTENT_TYPE_HEADER]: envelope.datacontenttype,
  };
  if (envelope.causationid !== undefined) headers['ce_causationid'] = envelope.causationid;
  if (envelope.traceparent !== undefined) headers['ce_traceparent'] = envelope.traceparent;
  if (envelope.tenant !== undefined) headers['ce_tenant'] = envelope.tenant;
  return { key: envelope.subject, value: Buffer.from(JSON.stringify(envelope.data)), headers };
}

/** Decodes and checks a record's envelope. Throws ContractError(MALFORMED_ENVELOPE) naming every fault. */
export function decodeEnvelope(record: RawRecord): EventEnvelope {
  const problems: string[] = [];
  const header = (name: string): string | undefined => {
    const raw = record.headers?.[name];
    if (raw === undefined) return undefined;
    if (Array.isArray(raw)) {
      problems.push(`${name} is repeated`);
      return undefined;
    }
    return typeof raw === 'string' ? raw : raw.toString('utf8');
  };
  const required = (name: keyof typeof CE_HEADER_LIMITS): string => {
    const value = header(`ce_${name}`);
    if (value === undefined || value.length === 0) problems.push(`ce_${name} is required`);
    else if (value.length > CE_HEADER_LIMITS[name]) problems.push(`ce_${name} is longer than ${CE_HEADER_LIMITS[name]}`);
    return value ?? '';
  };
  const optional = (name: keyof typeof CE_HEADER_LIMITS): string | undefined => {
    const value = header(`ce_${name}`);
    if (value !== undefined && (value.length === 0 || value.length > CE_HEADER_LIMITS[name])) {
      problems.push(`ce_${name} must be 1..${CE_HEADER_LIMITS[name]} characters`);
    }
    return value;
  };

  const specversion = header('ce_specversion');
  if (specversion !== '1.0') problems.push(`ce_specversion must be 1.0 (got ${JSON.stringify(specversion ?? null)})`);
  const id = required('id');
  const source = required('source');
  const type = required('type');
  const subject = required('subject');
  const correlationid = required('correlationid');
  const causationid = optional('causationid');
  const tenant = optional('tenant');

  const time = header('ce_time');
  if (time === undefined || !RFC3339.test(time) || Number.isNaN(Date.parse(time))) {
    problems.push('ce_time must be an RFC 3339 timestamp');
  }
  const sequenceText = header('ce_sequence');
  const sequence = sequenceText !== undefined && SEQUENCE.test(sequenceText) ? Number(sequenceText) : NaN;
  if (!Number.isSafeInteger(sequence)) problems.push('ce_sequence must be a positive integer');
  const traceparent = header('ce_traceparent');
  if (traceparent !== undefined && !TRACEPARENT.test(traceparent)) problems.push('ce_traceparent is not W3C trace context');

  const contentType = header(CONTENT_TYPE_HEADER);
  if (contentType !== undefined && !/^application\/(cloudevents\+)?json(;.*)?$/i.test(contentType)) {
    problems.push(`content-type must be application/json (got ${contentType})`);
  }
  const key = record.key === null ? null : record.key.toString();
  if (key !== null && subject !== '' && key !== subject) problems.push('record key must equal ce_subject');

  let data: unknown;
  if (record.value === null) problems.push('record has no value');
  else if (record.value.length > MAX_EVENT_BYTES) problems.push(`record value is larger than ${MAX_EVENT_BYTES} bytes`);
  else {
    try {
      data = JSON.parse(record.value.toString('utf8')) as unknown;
    } catch {
      problems.push('record value is not JSON');
    }
  }

  if (problems.length > 0) throw new ContractError(ContractErrorCode.MalformedEnvelope, 'malformed CloudEvent', problems);
  return {
    specversion: '1.0',
    id,
    source,
    type,
    subject,
    time: time as string,
    datacontenttype: 'application/json',
    data,
    sequence,
    correlationid,
    ...(causationid === undefined ? {} : { causationid }),
    ...(traceparent === undefined ? {} : { traceparent }),
    ...(tenant === undefined ? {} : { tenant }),
  };
}
