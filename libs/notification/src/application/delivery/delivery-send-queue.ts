import { Clock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Delivery } from '../../domain/delivery';
import { DeliveryAttempts } from './delivery-attempts.service';
import { DeliveryStore } from './delivery-store.port';
import type { SettledAttempt } from './delivery-store.port';

/** Sends in flight at most: several times the SMTP pool's connections (5), so each connection has its next mail ready and webhook round trips overlap. */
export const SEND_CONCURRENCY = 32;
/**
 * Claimed deliveries this process holds at most (waiting, sending or awaiting their settle
 * write): admit() waits above it, so memory stays bounded (a rendered message is a few KB) and a
 * slow channel shows as Kafka lag instead of a growing heap. Short on purpose (Kafka is the
 * buffer): a claim's wait here comes out of its lease, and a send starts only with a send
 * timeout of the lease left (at 512 and ~140 sends/s, the bench's 5 s lease with a 3 s send
 * timeout left most sends to the sweeper).
 */
export const MAX_BACKLOG = 128;
/** Outcomes written in one settleMany at most. */
export const SETTLE_BATCH = 128;
/**
 * How long the first outcome waits for others to share its write: without it, sends finishing a
 * few ms apart would each get a write of one. Harmless to a lease of minutes and to the sender
 * (recorded a few ms later); the sweeper would resend only after the lease.
 */
export const SETTLE_AFTER_MS = 20;

interface Held {
  readonly delivery: Delivery;
  readonly now: number;
  readonly release: () => void;
}

/**
 * The sends of this process, off the path that claims them: claimed deliveries (state `sending`
 * under this process's lease) wait here, are sent SEND_CONCURRENCY at a time, and their outcomes
 * are written in batches (settleMany; one in flight at a time). A crash loses only
 * what waits here: the leases run out and the sweeper resends with the stored message id. A send
 * starts only with a send's time left on its lease; else it is left to the sweeper.
 */
@Injectable()
export class DeliverySendQueue implements BeforeApplicationShutdown {
  private readonly waiting: Held[] = [];
  private readonly outcomes: (SettledAttempt & { readonly release: () => void })[] = [];
  private held = 0;
  private sending = 0;
  private settling = false;
  private settleTimer: NodeJS.Timeout | null = null;
  private roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly attempts: DeliveryAttempts,
    private readonly store: DeliveryStore,
    private readonly clock: Clock,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  /** Takes `sending` deliveries this process claimed or took, waiting while MAX_BACKLOG are held; `settled` resolves once each is sent and written (or left to the sweeper). */
  async admit(deliveries: readonly Delivery[], now: number): Promise<{ readonly settled: Promise<void> }> {
    const settled: Promise<void>[] = [];
    for (const delivery of deliveries) {
      while (this.held >= MAX_BACKLOG) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
      this.held += 1;
      settled.push(new Promise<void>((release) => this.waiting.push({ delivery, now, release })));
      this.pump();
    }
    return { settled: Promise.all(settled).then(() => undefined) };
  }

  /** Resolves when nothing is held (every admitted delivery sent and written). */
  idle(): Promise<void> {
    return this.held === 0 ? Promise.resolve() : new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Before connections close (on application shutdown): what was admitted is sent and written first. */
  beforeApplicationShutdown(): Promise<void> {
    return this.idle();
  }

  private pump(): void {
    while (this.sending < SEND_CONCURRENCY && this.waiting.length > 0) {
      const next = this.waiting.shift() as Held;
      this.sending += 1;
      void this.send(next).finally(() => {
        this.sending -= 1;
        this.pump();
      });
    }
  }

  private async send({ delivery, now, release }: Held): Promise<void> {
    const held = delivery.lease;
    if (held === null || this.clock.now().getTime() + this.attempts.sendTimeoutMs >= held.until) {
      this.done(release);
      return;
    }
    try {
      this.outcomes.push({ recorded: await this.attempts.sendOnce(delivery, now), held, release });
    } catch (error: unknown) {
      this.logger.error({ err: error, deliveryId: delivery.id }, 'a notification delivery attempt failed; the sweeper resends it when its lease runs out');
      this.done(release);
      return;
    }
    this.settle();
  }

  /** Outcomes are written SETTLE_BATCH at once, or SETTLE_AFTER_MS after the first one waiting; one settleMany in flight at a time. */
  private settle(): void {
    if (this.settling || this.outcomes.length === 0) return;
    if (this.outcomes.length < SETTLE_BATCH) {
      this.settleTimer ??= setTimeout(() => {
        this.settleTimer = null;
        this.write();
      }, SETTLE_AFTER_MS);
      return;
    }
    this.write();
  }

  private write(): void {
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    if (this.settling || this.outcomes.length === 0) return;
    this.settling = true;
    const batch = this.outcomes.splice(0, SETTLE_BATCH);
    void this.store
      .settleMany(batch)
      .then((written) => {
        if (written < batch.length) this.logger.warn({ lost: batch.length - written }, 'notification deliveries taken over (by another replica or this one\'s sweeper) after the leases their attempts held ran out; those attempts\' outcomes are dropped');
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error, deliveries: batch.length }, 'writing notification delivery outcomes failed; the sweeper resends those deliveries (same message id) when their leases run out');
      })
      .finally(() => {
        this.settling = false;
        for (const o of batch) this.done(o.release);
        this.settle();
      });
  }

  private done(release: () => void): void {
    this.held -= 1;
    release();
    const room = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of room) wake();
    if (this.held > 0) return;
    const idle = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of idle) wake();
  }
}
