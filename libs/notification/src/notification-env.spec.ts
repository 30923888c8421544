import { ConfigError, envSchema, loadConfig } from '@itsm/platform/config';
import { DEFAULT_DELIVERY_LIMITS } from './domain/digests';
import { NotificationEnv, toNotificationSettings } from './notification-env';

const load = (env: Record<string, string>) => toNotificationSettings(loadConfig(envSchema(NotificationEnv), env));

describe('toNotificationSettings', () => {
  it('defaults to the documented storm threshold and rate limits', () => {
    expect(load({}).limits).toEqual(DEFAULT_DELIVERY_LIMITS);
  });

  it('reads storm and rate limits in minutes', () => {
    const limits = load({ NOTIFICATION_STORM_THRESHOLD: '50', NOTIFICATION_STORM_WINDOW_MINUTES: '30', NOTIFICATION_EMAIL_RATE_LIMIT: '1000', NOTIFICATION_IN_APP_RATE_LIMIT: '2000', NOTIFICATION_RATE_WINDOW_MINUTES: '1' }).limits;
    expect(limits).toEqual({
      storm: { threshold: 50, windowMs: 30 * 60_000 },
      rate: { email: { limit: 1000, windowMs: 60_000 }, in_app: { limit: 2000, windowMs: 60_000 } },
    });
  });

  it('reads the delivery lease, send timeout and sweep, and refuses a lease that a send could outlast', () => {
    expect(load({}).delivery).toEqual({ leaseMs: 120_000, sendTimeoutMs: 60_000, sweepEveryMs: 5_000 });
    expect(load({ NOTIFICATION_DELIVERY_LEASE_SECONDS: '6', NOTIFICATION_SEND_TIMEOUT_SECONDS: '3', NOTIFICATION_SWEEP_EVERY_MS: '250' }).delivery).toEqual({ leaseMs: 6_000, sendTimeoutMs: 3_000, sweepEveryMs: 250 });
    expect(() => load({ NOTIFICATION_DELIVERY_LEASE_SECONDS: '30', NOTIFICATION_SEND_TIMEOUT_SECONDS: '30' })).toThrow(ConfigError);
  });

  it('refuses a limit of zero and an unknown time zone', () => {
    expect(() => load({ NOTIFICATION_EMAIL_RATE_LIMIT: '0' })).toThrow(/NOTIFICATION_EMAIL_RATE_LIMIT/);
    expect(() => load({ NOTIFICATION_DEFAULT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/Mars\/Olympus/);
  });
});
