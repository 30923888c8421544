import { PINO_LOGGER } from '@itsm/platform/observability';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { WEBHOOK_DELIVERY_POLICY, WebhookDeliverer } from './webhook-deliverer';
import type { WebhookDeliveryPolicy } from './webhook-delivery-policy';

/**
 * Looks for due webhook deliveries every `pollMs` on every replica: the claims in MongoDB keep one
 * attempt per (ticket, supplier) in flight across replicas, and a restart resumes from them.
 */
@Injectable()
export class WebhookDeliveryScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(deliverer: WebhookDeliverer, @Inject(WEBHOOK_DELIVERY_POLICY) policy: WebhookDeliveryPolicy, @Inject(PINO_LOGGER) logger: Logger) {
    this.job = new PeriodicJob({
      name: 'supplier webhook delivery',
      everyMs: policy.pollMs,
      run: () => deliverer.deliverDue(),
      logger,
      failureLevel: 'warn',
      failureMessage: 'supplier webhook delivery failed; retrying at the next interval',
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /** Before the connections close: a run in progress ends its attempt and records the verdict. */
  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
