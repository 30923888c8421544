/**
 * bench:notification's knobs, validated once (a bad value exits naming the variable, as every
 * service's configuration does), and the service settings the bench runs it with.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

export const NotificationBenchEnv = Type.Object({
  /** Assigned events (distinct incidents) per second, each owing ten mails and one webhook. */
  NOTIFICATION_BENCH_RATE: Type.Integer({ minimum: 1, maximum: 100_000, default: 1_000 }),
  NOTIFICATION_BENCH_SECONDS: Type.Integer({ minimum: 1, maximum: 3_600, default: 60 }),
  /** Groups of ten the incidents go to in turn. */
  NOTIFICATION_BENCH_GROUPS: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  /** The second run: the service SIGKILLed mid-stream and restarted. */
  NOTIFICATION_BENCH_KILL: Type.Boolean({ default: true }),
  /** How long the peers are driven directly for the baseline. */
  NOTIFICATION_BENCH_BASELINE_SECONDS: Type.Integer({ minimum: 1, maximum: 600, default: 10 }),
  /**
   * The drain ends when every expected delivery arrived, nothing arrived for this long, or the cap
   * below passed. Longer than the service's resend horizon (a delivery's lease, 120 s, plus a
   * sweep): a delivery whose send failed or was left to the sweeper arrives late, it is not lost.
   */
  NOTIFICATION_BENCH_DRAIN_IDLE_SECONDS: Type.Integer({ minimum: 5, maximum: 3_600, default: 150 }),
  NOTIFICATION_BENCH_DRAIN_MAX_SECONDS: Type.Integer({ minimum: 10, maximum: 14_400, default: 1_800 }),
  /** A directory for V8 CPU profiles of the service (`--cpu-prof`; written when it stops, not when killed). */
  NOTIFICATION_BENCH_CPU_PROFILE_DIR: Type.Optional(Type.String({ minLength: 1 })),
});
export type NotificationBenchEnv = Static<typeof NotificationBenchEnv>;

/** High enough that no bench mail is deferred by a rate limit or coalesced by storm protection (distinct incidents would not storm anyway). */
export const UNLIMITED = { NOTIFICATION_EMAIL_RATE_LIMIT: '1000000', NOTIFICATION_IN_APP_RATE_LIMIT: '1000000', NOTIFICATION_STORM_THRESHOLD: '10000' } as const;

/** The kill run's delivery settings: a claimed-but-unsent delivery of the killed process is resent seconds after the restart. */
export const SHORT_LEASE = { NOTIFICATION_DELIVERY_LEASE_SECONDS: '5', NOTIFICATION_SEND_TIMEOUT_SECONDS: '3', NOTIFICATION_SWEEP_EVERY_MS: '1000' } as const;
