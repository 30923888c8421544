import { createHash } from 'node:crypto';
import { parseVerifyingKey, WebhookKeyError } from '@itsm/platform/webhooks';
import type { WebhookVerifyingKey } from '@itsm/platform/webhooks';
import { CmdbError, CmdbErrorCode } from '../domain';
import type { DiscoverySource } from '../domain';

/** What may be shown of a source's key: never the key itself (an HMAC secret signs as well as verifies). */
export interface SourceKeySummary {
  /** `sha256:` and the first 16 hex digits of the key string's SHA-256. */
  readonly id: string;
  readonly kind: WebhookVerifyingKey['kind'];
}

/** The source's keys as verifying keys; CMDB.INVALID_SOURCE naming the key's position and the WebhookKeyError code otherwise. */
export function sourceVerifyingKeys(source: Pick<DiscoverySource, 'id' | 'verificationKeys'>): WebhookVerifyingKey[] {
  return source.verificationKeys.map((text, index) => {
    try {
      return parseVerifyingKey(text);
    } catch (error) {
      if (!(error instanceof WebhookKeyError)) throw error;
      throw new CmdbError(CmdbErrorCode.InvalidSource, `verification key ${index + 1} of source ${source.id}: ${error.message}`, { source: source.id, keyIndex: index, keyCode: error.code });
    }
  });
}

export function sourceKeySummary(text: string): SourceKeySummary {
  return { id: `sha256:${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)}`, kind: parseVerifyingKey(text).kind };
}
