import type { SignedTokens } from '../signed-tokens';

/**
 * The addresses a notification mail carries so its answers come back here: `Reply-To`
 * `reply+<deliveryId>.<mac>@<domain>` (the token signed for `reply` over the delivery's id, what
 * ReceiveInboundMail verifies) and the envelope sender `bounce+<deliveryId>@<domain>` (VERP: a
 * bounce names its delivery). Lower-case, under the 64-octet local-part limit.
 */
export function replyAddress(tokens: SignedTokens, deliveryId: string, domain: string): string {
  return `reply+${tokens.sign('reply', deliveryId)}@${domain.toLowerCase()}`;
}

export function bounceAddress(deliveryId: string, domain: string): string {
  return `bounce+${deliveryId}@${domain.toLowerCase()}`;
}
