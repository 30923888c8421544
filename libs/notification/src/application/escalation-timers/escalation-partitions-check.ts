import { notificationTopic } from '@itsm/contracts';
import { requireTopicPartitions } from '@itsm/platform/messaging';
import type { EventBus, TopicPartitionsCheckOptions } from '@itsm/platform/messaging';
import type { WheelLogger } from '@itsm/platform/scheduling';
import type { OnApplicationBootstrap } from '@nestjs/common';

/**
 * Escalation timers are placed by `keyPartition(notificationTopic.partitions, escalationId)` and run
 * where that partition of itsm.notification.v1 is owned, and armed where the escalation's events
 * (keyed by its id) arrive: both hold only when the real topic has the contract's partition count.
 * The service checks it before it consumes (app init): another count is a ConfigError (the process
 * exits 78 naming topic, counts and the fix; it never serves, so readiness never passes); a topic not
 * created yet is waited for, read again every few seconds, and never created by the service.
 */
export class EscalationPartitionsCheck implements OnApplicationBootstrap {
  constructor(
    private readonly bus: Pick<EventBus, 'partitionCount'>,
    private readonly logger: WheelLogger,
    private readonly options: Omit<TopicPartitionsCheckOptions, 'onMissing'> = {},
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const partitions = await requireTopicPartitions(this.bus, notificationTopic, {
      ...this.options,
      onMissing: (topic) => this.logger.warn({ topic, partitions: notificationTopic.partitions }, `topic ${topic} does not exist yet; escalation timers wait for it (create it with ${notificationTopic.partitions} partitions)`),
    });
    this.logger.info({ topic: notificationTopic.name, partitions }, 'escalation timers: topic partitions as the contract says');
  }
}
