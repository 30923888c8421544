import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Recipient } from '../../domain';
import { recordAttempt } from '../../domain/delivery';
import type { AttemptOutcome, Delivery, DeliveryLease, RetryPolicy } from '../../domain/delivery';
import { NOTIFICATION_SETTINGS } from '../../notification-env';
import type { NotificationSettings } from '../../notification-env';
import { mailOf } from '../channels/email/mail-message';
import type { MailIdentity } from '../channels/email/mail-message';
import { MailSender } from '../channels/email/mail-sender.port';
import { EndpointSender } from '../ports';
import { SignedTokens } from '../signed-tokens';
import { DELIVERY_TUNING, retryPolicyOf } from './delivery-tuning';
import type { DeliveryTuning } from './delivery-tuning';

/** The mail address a recipient is reached at, or null (a person without one, an endpoint). */
export function mailAddressOf(recipient: Recipient): string | null {
  if (recipient.kind === 'person') return recipient.email;
  return recipient.kind === 'address' ? recipient.address : null;
}

/**
 * Sends a claimed delivery through its channel (the same message and message id on every attempt)
 * and answers what came of it (DeliverySendQueue writes that while this process still holds the
 * lease). A channel's failure is an outcome (retrying, failed, given up), never an exception.
 */
@Injectable()
export class DeliveryAttempts {
  /** This process, as the holder of the leases it takes. */
  readonly owner = `delivery-${randomUUID()}`;
  readonly policy: RetryPolicy;
  private readonly identity: MailIdentity;
  private readonly sendTimeout: number;

  constructor(
    private readonly mail: MailSender,
    private readonly endpoints: EndpointSender,
    @Inject(NOTIFICATION_SETTINGS) settings: NotificationSettings,
    @Inject(DELIVERY_TUNING) tuning: DeliveryTuning,
  ) {
    this.policy = retryPolicyOf(tuning);
    this.sendTimeout = tuning.smtp.breaker.timeoutMs === false ? this.policy.leaseMs : tuning.smtp.breaker.timeoutMs;
    this.identity = { from: settings.mailFrom, domain: settings.mailDomain, tokens: new SignedTokens(settings.signingSecret) };
  }

  get mailDomain(): string {
    return this.identity.domain;
  }

  /** A lease for this process from `now`. */
  lease(now: number): DeliveryLease {
    return { owner: this.owner, until: now + this.policy.leaseMs };
  }

  /** How long one send may take (the SMTP breaker's timeout, which the lease must exceed): a send starts only with this much of its lease left. */
  get sendTimeoutMs(): number {
    return this.sendTimeout;
  }

  /** One attempt at a `sending` delivery this process holds: the delivery as the attempt leaves it, for DeliveryStore.settleMany. */
  async sendOnce(delivery: Delivery, now: number): Promise<Delivery> {
    return recordAttempt(delivery, await this.outcomeOf(delivery, now), now, this.policy);
  }

  private async outcomeOf(d: Delivery, now: number): Promise<AttemptOutcome> {
    try {
      return await this.send(d, now);
    } catch (error: unknown) {
      return { kind: 'retry', reason: error instanceof Error ? error.message : String(error), afterMs: null };
    }
  }

  private async send(d: Delivery, now: number): Promise<AttemptOutcome> {
    const { notice, message } = d;
    if (message === null) return { kind: 'failed', reason: 'no rendered message' };
    const { recipient, channel } = notice;
    switch (channel) {
      case 'email': {
        const address = mailAddressOf(recipient);
        return address === null ? { kind: 'failed', reason: 'no_address' } : this.mail.send(mailOf(d, address, this.identity));
      }
      case 'in_app':
        return { kind: 'sent', detail: 'in the inbox' };
      case 'webhook':
      case 'slack':
      case 'teams':
        if (recipient.kind !== 'endpoint') return { kind: 'failed', reason: 'no_address' };
        return this.endpoints.send({ deliveryId: d.id, attempt: d.attempts + 1, endpointId: recipient.endpointId, channel, notice, message }, now);
    }
  }
}
