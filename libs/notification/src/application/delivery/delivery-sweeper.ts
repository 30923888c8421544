import { Clock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { DeliveryAttempts } from './delivery-attempts.service';
import { DeliverySendQueue } from './delivery-send-queue';
import { DeliveryStore } from './delivery-store.port';
import { DELIVERY_TUNING } from './delivery-tuning';
import type { DeliveryTuning } from './delivery-tuning';

/**
 * Sends what is due: deferred deliveries whose instant came (quiet hours over), retries whose delay
 * ran out, and deliveries whose sender died between claim and send (the lease ran out). Each is
 * taken atomically under this process's lease, so two replicas never send one at once, and resent
 * through the send queue with the message and message id stored on its claim (receivers drop the repeat).
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly store: DeliveryStore,
    private readonly attempts: DeliveryAttempts,
    private readonly queue: DeliverySendQueue,
    private readonly clock: Clock,
    @Inject(DELIVERY_TUNING) private readonly tuning: DeliveryTuning,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.job = new PeriodicJob({
      name: 'notification delivery sweep',
      everyMs: tuning.sweepEveryMs,
      run: async () => {
        const sent = await this.sweep(this.clock.now().getTime());
        if (sent > 0) logger.debug({ sent }, 'swept due notification deliveries');
      },
      logger,
      failureMessage: 'notification delivery sweep failed; retrying at the next interval',
    });
  }

  /**
   * One sweep at `now`: takes what is due in batches of the tuning's `sweepBatch` into the send queue
   * (which makes the next take wait while it holds its most) until a batch comes back short, and
   * ends when those are sent and written; answers how many.
   */
  async sweep(now: number): Promise<number> {
    const settled: Promise<void>[] = [];
    let taken = 0;
    for (;;) {
      const batch = await this.store.takeDue(now, this.attempts.lease(now), this.tuning.sweepBatch);
      if (batch.length > 0) settled.push((await this.queue.admit(batch, now)).settled);
      taken += batch.length;
      if (batch.length < this.tuning.sweepBatch) break;
    }
    await Promise.all(settled);
    return taken;
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /** Before any connection closes (those close on application shutdown): a sweep in progress ends first. */
  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
