import type { EncodedRecord, RawRecord } from '@itsm/contracts';
import { signWebhook, verifyWebhook } from './signing';
import type { WebhookVerification } from './signing';
import type { WebhookSigningKey, WebhookVerifyingKey } from './webhook-keys';

/*
 * The Standard Webhooks scheme on a Kafka record (a supplier's signed CloudEvent in binary mode): the
 * message id is the record's `ce_id` header, `webhook-timestamp` and `webhook-signature` travel as
 * record headers, the body is the record value's bytes. The other `ce_*` headers are not signed:
 * the consumer trusts only what the signed value and id carry, plus the topic the supplier may write.
 */

const ID_HEADER = 'ce_id';

/** The record with `webhook-timestamp` and `webhook-signature` headers added (one signature entry per key). */
export function signRecord(keys: readonly WebhookSigningKey[], record: EncodedRecord, timestampSeconds: number): EncodedRecord {
  const id = record.headers[ID_HEADER];
  if (id === undefined) throw new RangeError(`a signed record carries its ${ID_HEADER} header`);
  const signed = signWebhook(keys, id, timestampSeconds, record.value);
  return { ...record, headers: { ...record.headers, 'webhook-timestamp': signed['webhook-timestamp'], 'webhook-signature': signed['webhook-signature'] } };
}

/** Verifies a consumed record as verifyWebhook does an HTTP message; never throws on the record's content. */
export function verifyRecord(keys: readonly WebhookVerifyingKey[], record: Pick<RawRecord, 'headers' | 'value'>, nowSeconds: number, toleranceSeconds?: number): WebhookVerification {
  const text = (name: string): string | string[] | undefined => {
    const raw = record.headers?.[name];
    if (raw === undefined) return undefined;
    return Array.isArray(raw) ? raw.map((r) => r.toString()) : raw.toString();
  };
  const headers = { 'webhook-id': text(ID_HEADER), 'webhook-timestamp': text('webhook-timestamp'), 'webhook-signature': text('webhook-signature') };
  return verifyWebhook(keys, headers, record.value ?? Buffer.alloc(0), nowSeconds, toleranceSeconds);
}
