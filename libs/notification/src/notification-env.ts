import { ConfigError, Secret } from '@itsm/platform/config';
import { assertTimeZone, MINUTE_MS } from '@itsm/recurrence';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import type { DeliveryLimits } from './domain/digests';

/** The notification context's own settings (the env fragment; values validated at boot). */
export const NotificationEnv = Type.Object({
  /** Seeds demo rules, templates and an on-call rotation when there are none (compose, demos). */
  NOTIFICATION_SEED_DEMO_DATA: Type.Boolean({ default: false }),
  /** The SMTP relay mail goes through: `smtp://host:port` or `smtps://user:pass@host:465` (the all-in-one's own sink by default). */
  NOTIFICATION_SMTP_URL: Secret(Type.String({ minLength: 8, maxLength: 500, pattern: '^smtps?://', default: 'smtp://127.0.0.1:1025' })),
  /** The sender of every notification mail (also how our own mails are recognised when they come back). */
  NOTIFICATION_MAIL_FROM: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$', default: 'notify@itsm.localhost' }),
  /** The domain replies, bounces and Message-IDs use (`reply+<token>@`, `bounce+<delivery>@`, `<d.<delivery>@`). */
  NOTIFICATION_MAIL_DOMAIN: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9.-]+$', default: 'itsm.localhost' }),
  /** The key that signs reply addresses and acknowledgement links (at least 32 characters). */
  NOTIFICATION_SIGNING_SECRET: Secret(Type.String({ minLength: 32, maxLength: 512, default: 'dev-only-notification-signing-secret-change-me' })),
  /** Where links in messages point: the portal's base URL. */
  NOTIFICATION_LINK_BASE_URL: Type.String({ minLength: 8, maxLength: 500, pattern: '^https?://', default: 'http://localhost:4000' }),
  /** The port inbound mail (replies, bounces) arrives on over LMTP/SMTP from the MTA; 0: not listening. */
  NOTIFICATION_INBOUND_PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 0 }),
  /** The inbound listener speaks LMTP (an MTA's local delivery, e.g. Postfix `lmtp:inet:`) instead of SMTP. */
  NOTIFICATION_INBOUND_LMTP: Type.Boolean({ default: false }),
  /** Webhook and chat targets on loopback or private networks are refused unless this is true (tests, the all-in-one). */
  NOTIFICATION_ALLOW_PRIVATE_TARGETS: Type.Boolean({ default: false }),
  /** The locale and time zone of a person the directory gives none. */
  NOTIFICATION_DEFAULT_LOCALE: Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', default: 'en' }),
  NOTIFICATION_DEFAULT_TIME_ZONE: Type.String({ minLength: 1, maxLength: 64, default: 'UTC' }),
  /** Storm protection: more notices than this for one person, channel and ticket root within the storm window coalesce into one message. */
  NOTIFICATION_STORM_THRESHOLD: Type.Integer({ minimum: 1, maximum: 10_000, default: 5 }),
  NOTIFICATION_STORM_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 1_440, default: 10 }),
  /** Rate limits per person and channel within the rate window (the rest wait for the next window, never dropped). */
  NOTIFICATION_EMAIL_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 30 }),
  NOTIFICATION_IN_APP_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 120 }),
  NOTIFICATION_RATE_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 1_440, default: 10 }),
  /** How long a send holds its delivery: after that (its process died mid-send) another replica resends it with the same message id. Must exceed the send timeout. */
  NOTIFICATION_DELIVERY_LEASE_SECONDS: Type.Integer({ minimum: 2, maximum: 3_600, default: 120 }),
  /** The longest one SMTP send may take (the relay's breaker timeout). */
  NOTIFICATION_SEND_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 600, default: 60 }),
  /** How often due, retrying and orphaned deliveries are swept. */
  NOTIFICATION_SWEEP_EVERY_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
});
export type NotificationEnv = Static<typeof NotificationEnv>;

/**
 * The context's settings (NotificationSettings), for its providers. Declared here, not in the
 * module: a provider that injects it would otherwise import the module that registers it (a cycle).
 */
export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

/** What the notification module is built from (beyond the kit's settings). */
export interface NotificationSettings {
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly mailDomain: string;
  readonly signingSecret: string;
  readonly linkBaseUrl: string;
  readonly inboundPort: number;
  readonly inboundLmtp: boolean;
  readonly allowPrivateTargets: boolean;
  readonly defaultLocale: string;
  readonly defaultTimeZone: string;
  /** Storm thresholds and rate limits per person and channel. */
  readonly limits: DeliveryLimits;
  /** Leases, send timeout and the sweep (the rest of the delivery tuning is fixed). */
  readonly delivery: { readonly leaseMs: number; readonly sendTimeoutMs: number; readonly sweepEveryMs: number };
}

export function toNotificationSettings(env: NotificationEnv): NotificationSettings {
  assertTimeZone(env.NOTIFICATION_DEFAULT_TIME_ZONE);
  if (env.NOTIFICATION_DELIVERY_LEASE_SECONDS <= env.NOTIFICATION_SEND_TIMEOUT_SECONDS) {
    // A lease shorter than a send could run out under it: another replica would resend while the first still sends.
    const message = `NOTIFICATION_DELIVERY_LEASE_SECONDS (${env.NOTIFICATION_DELIVERY_LEASE_SECONDS}) must exceed NOTIFICATION_SEND_TIMEOUT_SECONDS (${env.NOTIFICATION_SEND_TIMEOUT_SECONDS})`;
    throw new ConfigError([{ variable: 'NOTIFICATION_DELIVERY_LEASE_SECONDS', message }]);
  }
  return {
    smtpUrl: env.NOTIFICATION_SMTP_URL,
    mailFrom: env.NOTIFICATION_MAIL_FROM,
    mailDomain: env.NOTIFICATION_MAIL_DOMAIN.toLowerCase(),
    signingSecret: env.NOTIFICATION_SIGNING_SECRET,
    linkBaseUrl: env.NOTIFICATION_LINK_BASE_URL.replace(/\/+$/, ''),
    inboundPort: env.NOTIFICATION_INBOUND_PORT,
    inboundLmtp: env.NOTIFICATION_INBOUND_LMTP,
    allowPrivateTargets: env.NOTIFICATION_ALLOW_PRIVATE_TARGETS,
    defaultLocale: env.NOTIFICATION_DEFAULT_LOCALE,
    defaultTimeZone: env.NOTIFICATION_DEFAULT_TIME_ZONE,
    limits: {
      storm: { threshold: env.NOTIFICATION_STORM_THRESHOLD, windowMs: env.NOTIFICATION_STORM_WINDOW_MINUTES * MINUTE_MS },
      rate: {
        email: { limit: env.NOTIFICATION_EMAIL_RATE_LIMIT, windowMs: env.NOTIFICATION_RATE_WINDOW_MINUTES * MINUTE_MS },
        in_app: { limit: env.NOTIFICATION_IN_APP_RATE_LIMIT, windowMs: env.NOTIFICATION_RATE_WINDOW_MINUTES * MINUTE_MS },
      },
    },
    delivery: { leaseMs: env.NOTIFICATION_DELIVERY_LEASE_SECONDS * 1_000, sendTimeoutMs: env.NOTIFICATION_SEND_TIMEOUT_SECONDS * 1_000, sweepEveryMs: env.NOTIFICATION_SWEEP_EVERY_MS },
  };
}
