import { checkTargetUrl, parseSigningKey } from '@itsm/platform/webhooks';
import type { WebhookSigningKey } from '@itsm/platform/webhooks';
import type { OutboundChecks, WebhookOutbound } from '../../domain';
import { keyCheck, parsedOnce } from './connection-keys';

/** A webhook channel's checks: the platform's target URL policy and its signing key parser. */
export function outboundChecks(allowPrivateTargets: boolean): OutboundChecks {
  return {
    url: (text) => {
      const checked = checkTargetUrl(text, allowPrivateTargets);
      return checked.ok ? { url: checked.url } : { problem: checked.reason };
    },
    signingKey: keyCheck(parseSigningKey),
  };
}

const signingKeys = parsedOnce(parseSigningKey);

/** The webhook channel's signing keys (checked when the connection was parsed). */
export function webhookSigningKeys(outbound: WebhookOutbound): readonly WebhookSigningKey[] {
  return signingKeys(outbound.signingKeys);
}
