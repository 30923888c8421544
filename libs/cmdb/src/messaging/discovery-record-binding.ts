import type { RawRecord } from '@itsm/contracts';
import { verifyRecord } from '@itsm/platform/webhooks';
import type { WebhookRefusal, WebhookVerifyingKey } from '@itsm/platform/webhooks';
import { sourceVerifyingKeys } from '../application/discovery-source-keys';
import type { DiscoverySource } from '../domain';

/** Why a discovery record is not bound to the source it names: the signature's refusal, or a source that has no keys. */
export type DiscoveryBindingRefusal = WebhookRefusal | 'source_has_no_keys';

export type DiscoveryBinding = { readonly ok: true; readonly keyIndex: number } | { readonly ok: false; readonly reason: DiscoveryBindingRefusal };

/**
 * Binds a discovery feed record to the source its (signed) value names: the record must carry a
 * Standard Webhooks signature, over its `ce_id` and value bytes, by one of THAT source's keys (either
 * of two during a rotation) within the timestamp tolerance. Another source's key, a forged or
 * missing signature, a stale or future timestamp are refused with the reason; so is every record
 * of a source that has no keys (the secure default: a source is trusted on the feed only once it has a key).
 */
export function bindDiscoveryRecord(source: Pick<DiscoverySource, 'id' | 'verificationKeys'>, record: Pick<RawRecord, 'headers' | 'value'>, nowSeconds: number, toleranceSeconds?: number): DiscoveryBinding {
  if (source.verificationKeys.length === 0) return { ok: false, reason: 'source_has_no_keys' };
  return verifyRecord(verifyingKeysOf(source), record, nowSeconds, toleranceSeconds);
}

/** Parsed once per saved key list (a source's list is replaced, never changed, when an admin saves it). */
const parsed = new WeakMap<readonly string[], WebhookVerifyingKey[]>();

function verifyingKeysOf(source: Pick<DiscoverySource, 'id' | 'verificationKeys'>): WebhookVerifyingKey[] {
  const cached = parsed.get(source.verificationKeys);
  if (cached !== undefined) return cached;
  const keys = sourceVerifyingKeys(source);
  parsed.set(source.verificationKeys, keys);
  return keys;
}
