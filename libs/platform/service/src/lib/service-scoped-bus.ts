import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import type { EventBus, RawOutgoingRecord, Subscription } from '@itsm/platform/messaging';
import { runAsService } from '@itsm/platform/observability';
import type { LoggerService } from '@nestjs/common';

type Topics = readonly TopicDefinition[];

/**
 * One service's view of a (possibly shared) bus: its handlers run as that service's work, so the
 * lines Nest writes while they run carry its name (the all-in-one's in-process bus would otherwise
 * run them in the publisher's context). Everything else is the bus itself.
 */
export class ServiceScopedBus implements EventBus<Topics> {
  constructor(
    private readonly bus: EventBus<Topics>,
    private readonly logger: LoggerService,
  ) {}

  publish(topic: string, events: readonly EventEnvelope[]): Promise<void> {
    return this.bus.publish(topic, events);
  }

  publishEnvelopes(topic: string, events: readonly EventEnvelope[]): Promise<void> {
    return this.bus.publishEnvelopes(topic, events);
  }

  publishRaw(topic: string, records: readonly RawOutgoingRecord[]): Promise<void> {
    return this.bus.publishRaw(topic, records);
  }

  subscribe(subscription: Subscription<Topics, string>): Promise<void> {
    return this.bus.subscribe({ ...subscription, handle: (event) => runAsService(this.logger, () => subscription.handle(event)) });
  }

  unsubscribe(group: string): Promise<void> {
    return this.bus.unsubscribe(group);
  }

  start(): Promise<void> {
    return this.bus.start();
  }

  close(): Promise<void> {
    return this.bus.close();
  }

  isHealthy(): boolean {
    return this.bus.isHealthy();
  }

  caughtUp(group: string): Promise<boolean> {
    return this.bus.caughtUp(group);
  }

  partitionCount(topic: string): Promise<number | undefined> {
    return this.bus.partitionCount(topic);
  }
}
