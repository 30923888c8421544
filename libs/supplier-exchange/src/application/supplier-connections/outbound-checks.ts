import { checkTargetUrl, parseSigningKey, WebhookKeyError } from '@itsm/platform/webhooks';
import type { WebhookSigningKey } from '@itsm/platform/webhooks';
import type { OutboundChecks, WebhookOutbound } from '../../domain';

/** A webhook channel's checks: the platform's target URL policy and its signing key parser. */
export function outboundChecks(allowPrivateTargets: boolean): OutboundChecks {
  return {
    url: (text) => {
      const checked = checkTargetUrl(text, allowPrivateTargets);
      return checked.ok ? { url: checked.url } : { problem: checked.reason };
    },
    signingKey: (text) => {
      try {
        parseSigningKey(text);
        return undefined;
      } catch (error) {
        if (error instanceof WebhookKeyError) return error.message;
        throw error;
      }
    },
  };
}

/** Parsed once per saved key list (replaced, never changed, when an admin saves the connection). */
const parsed = new WeakMap<readonly string[], readonly WebhookSigningKey[]>();

/** The webhook channel's signing keys (checked when the connection was parsed). */
export function webhookSigningKeys(outbound: WebhookOutbound): readonly WebhookSigningKey[] {
  const cached = parsed.get(outbound.signingKeys);
  if (cached !== undefined) return cached;
  const keys = outbound.signingKeys.map((text) => parseSigningKey(text));
  parsed.set(outbound.signingKeys, keys);
  return keys;
}
