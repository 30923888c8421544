import { BreakerOpenError, BreakerTimeoutError, createBreaker } from '@itsm/platform/resilience';
import type { Breaker } from '@itsm/platform/resilience';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type { AttemptOutcome } from '../../../domain/delivery';
import { NOTIFICATION_SETTINGS } from '../../../notification-env';
import type { NotificationSettings } from '../../../notification-env';
import { DELIVERY_TUNING } from '../../delivery/delivery-tuning';
import type { DeliveryTuning } from '../../delivery/delivery-tuning';
import { MailSender } from './mail-sender.port';

/** A relay's answer that settles the mail for good (5xx): resolved, so it does not count against the relay's breaker. */
type RelayAnswer = { readonly kind: 'sent'; readonly detail: string } | { readonly kind: 'failed'; readonly reason: string };

const DETAIL_MAX = 300;
const clip = (text: string): string => (text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX)}…` : text);

function responseCodeOf(error: unknown): number | null {
  const code = typeof error === 'object' && error !== null ? (error as { responseCode?: unknown }).responseCode : undefined;
  return typeof code === 'number' ? code : null;
}

/** What a failed send means for the delivery: 5xx failed, anything else (4xx, timeouts, connection, open breaker) retried. */
export function smtpOutcomeOf(error: unknown): AttemptOutcome {
  if (error instanceof BreakerOpenError) return { kind: 'retry', reason: `relay breaker ${error.breaker} open`, afterMs: null };
  if (error instanceof BreakerTimeoutError) return { kind: 'retry', reason: `relay timed out after ${error.timeoutMs} ms`, afterMs: null };
  const code = responseCodeOf(error);
  const message = clip(error instanceof Error ? error.message : String(error));
  if (code !== null && code >= 500) return { kind: 'failed', reason: message };
  return { kind: 'retry', reason: message, afterMs: null };
}

/**
 * Mail over SMTP through one pooled nodemailer transport to the configured relay, behind one
 * breaker for that host (connection, greeting and socket timeouts on the transport; the breaker's
 * bounds a whole send). A 5xx answer settles the mail as failed without opening the breaker.
 */
@Injectable()
export class SmtpMailSender extends MailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly breaker: Breaker<[SendMailOptions], RelayAnswer>;

  constructor(@Inject(NOTIFICATION_SETTINGS) settings: NotificationSettings, @Inject(DELIVERY_TUNING) tuning: DeliveryTuning) {
    super();
    const { smtp } = tuning;
    this.transport = createTransport({
      url: settings.smtpUrl,
      pool: true,
      maxConnections: smtp.maxConnections,
      connectionTimeout: smtp.connectionTimeoutMs,
      greetingTimeout: smtp.greetingTimeoutMs,
      socketTimeout: smtp.socketTimeoutMs,
    });
    const relay = new URL(settings.smtpUrl);
    this.breaker = createBreaker((mail: SendMailOptions) => this.hand(mail), { name: `smtp:${relay.hostname}:${relay.port || '25'}`, ...smtp.breaker });
  }

  async send(mail: SendMailOptions): Promise<AttemptOutcome> {
    try {
      return await this.breaker.fire(mail);
    } catch (error: unknown) {
      return smtpOutcomeOf(error);
    }
  }

  onApplicationShutdown(): void {
    this.breaker.shutdown();
    this.transport.close();
  }

  private async hand(mail: SendMailOptions): Promise<RelayAnswer> {
    try {
      const info = (await this.transport.sendMail(mail)) as { response?: unknown };
      return { kind: 'sent', detail: clip(typeof info.response === 'string' ? info.response : 'accepted') };
    } catch (error: unknown) {
      const code = responseCodeOf(error);
      if (code !== null && code >= 500) return { kind: 'failed', reason: clip(error instanceof Error ? error.message : String(error)) };
      throw error;
    }
  }
}
