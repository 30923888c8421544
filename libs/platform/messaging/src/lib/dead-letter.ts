import type { RecordHeaders } from '@itsm/contracts';
import { deadLetterTopicOf, DLQ_HEADERS } from '@itsm/contracts';
import type { RawOutgoingRecord } from './event-bus';

/** The dead-letter header names are part of the published contract (the AsyncAPI document lists them). */
export { DLQ_HEADERS };

export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | null;
  readonly headers: RecordHeaders | undefined;
}

export interface DeadLetterReason {
  readonly code: string;
  readonly message: string;
  readonly group: string;
  readonly attempts: number;
  readonly failedAt: Date;
}

const MAX_REASON_CHARS = 4096;

export function deadLetterRecord(record: ConsumedRecord, reason: DeadLetterReason): { topic: string; record: RawOutgoingRecord } {
  const headers: RecordHeaders = { ...(record.headers ?? {}) };
  for (const name of Object.values(DLQ_HEADERS)) delete headers[name];
  headers[DLQ_HEADERS.code] = reason.code;
  headers[DLQ_HEADERS.reason] = reason.message.slice(0, MAX_REASON_CHARS);
  headers[DLQ_HEADERS.group] = reason.group;
  headers[DLQ_HEADERS.topic] = record.topic;
  headers[DLQ_HEADERS.partition] = String(record.partition);
  headers[DLQ_HEADERS.offset] = record.offset;
  headers[DLQ_HEADERS.attempts] = String(reason.attempts);
  headers[DLQ_HEADERS.failedAt] = reason.failedAt.toISOString();
  return {
    topic: deadLetterTopicOf(record.topic),
    record: { key: record.key === null ? null : record.key.toString(), value: record.value, headers },
  };
}
