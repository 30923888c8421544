import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_SETTINGS } from '../notification-env';
import type { NotificationSettings } from '../notification-env';
import { SignedTokens } from './signed-tokens';

/** The path the acknowledgement links live under (the context serves it, the all-in-one's gateway forwards it). */
export const ACK_ROUTE_PREFIX = '/notification/v1/ack';

/** Whom one link acknowledges as: the person at `index` among those level `level` of the escalation paged. */
export interface AckLinkTarget {
  readonly escalationId: string;
  readonly level: number;
  readonly index: number;
}

/** `<escalation id, 24 hex>l<level>p<index>`: lower-case letters and digits, at most 33 characters (SignedTokens allows 40). */
const TOKEN_ID = /^([0-9a-f]{24})l([1-9][0-9]?)p(0|[1-9][0-9]{0,2})$/;

/**
 * The signed acknowledgement links of on-call pages (purpose `acknowledge`): one per paged person,
 * so the link acknowledges as that person and no one else; a forged or altered link verifies to nothing.
 */
@Injectable()
export class EscalationAckLinks {
  private readonly tokens: SignedTokens;
  private readonly base: string;

  constructor(@Inject(NOTIFICATION_SETTINGS) settings: NotificationSettings) {
    this.tokens = new SignedTokens(settings.signingSecret);
    this.base = settings.linkBaseUrl.replace(/\/+$/, '');
  }

  /** The link for the person at `index` of level `level` (null for an escalation id the link format cannot carry). */
  link(target: AckLinkTarget): string | null {
    const id = `${target.escalationId}l${target.level}p${target.index}`;
    if (!TOKEN_ID.test(id)) return null;
    return `${this.base}${ACK_ROUTE_PREFIX}/${this.tokens.sign('acknowledge', id)}`;
  }

  /** What a link's token names, or null when it does not verify or is not an acknowledgement token. */
  read(token: string): AckLinkTarget | null {
    const id = this.tokens.verify('acknowledge', token);
    const match = id === null ? null : TOKEN_ID.exec(id);
    if (match === null) return null;
    return { escalationId: match[1] as string, level: Number(match[2]), index: Number(match[3]) };
  }
}
