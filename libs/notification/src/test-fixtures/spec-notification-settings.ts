import { DEFAULT_DELIVERY_LIMITS } from '../domain/digests';
import type { NotificationSettings } from '../notification-env';

/** What a spec's context is configured with unless it says otherwise: nothing reaches outside 127.0.0.1. */
export const SPEC_NOTIFICATION_SETTINGS: NotificationSettings = {
  smtpUrl: 'smtp://127.0.0.1:1',
  mailFrom: 'notify@itsm.test',
  mailDomain: 'itsm.test',
  signingSecret: 'spec-notification-signing-secret-0123456789abcdef',
  linkBaseUrl: 'https://portal.itsm.test',
  inboundPort: 0,
  inboundLmtp: false,
  allowPrivateTargets: true,
  defaultLocale: 'en',
  defaultTimeZone: 'UTC',
  limits: DEFAULT_DELIVERY_LIMITS,
  delivery: { leaseMs: 120_000, sendTimeoutMs: 60_000, sweepEveryMs: 5_000 },
};
