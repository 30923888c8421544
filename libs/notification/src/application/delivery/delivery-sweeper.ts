import { Clock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Delivery } from '../../domain/delivery';
import { DeliveryAttempts } from './delivery-attempts.service';
import { DeliveryStore } from './delivery-store.port';
import { DELIVERY_TUNING } from './delivery-tuning';
import type { DeliveryTuning } from './delivery-tuning';

/** How many taken deliveries one sweep sends at once. */
const PARALLEL = 10;

/**
 * Sends what is due: deferred deliveries whose instant came (quiet hours over), retries whose delay
 * ran out, and deliveries whose sender died between claim and send (the lease ran out). Each is
 * taken atomically under this process's lease, so two replicas never send one at once, and resent
 * with the message and message id stored on its claim (receivers drop the repeat).
 */
@Injectable()
export class DeliverySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly store: DeliveryStore,
    private readonly attempts: DeliveryAttempts,
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

  /** One sweep at `now`: takes and attempts due deliveries (at most the tuning's batch); answers how many. */
  async sweep(now: number): Promise<number> {
    let done = 0;
    while (done < this.tuning.sweepBatch) {
      const taken: Delivery[] = [];
      for (let i = 0; i < Math.min(PARALLEL, this.tuning.sweepBatch - done); i += 1) {
        const delivery = await this.store.takeDue(now, this.attempts.lease(now));
        if (delivery === null) break;
        taken.push(delivery);
      }
      if (taken.length === 0) break;
      await Promise.all(taken.map((delivery) => this.attempts.attempt(delivery, now)));
      done += taken.length;
    }
    return done;
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /** Before any connection closes (those close on application shutdown): a sweep in progress ends first. */
  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
