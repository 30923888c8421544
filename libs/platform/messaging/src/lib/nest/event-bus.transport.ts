import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { BaseRpcContext, Server } from '@nestjs/microservices';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { AssignmentListener, DeliveredEvent, EventBus, RetryPolicy } from '../event-bus';

/** What an `@EventPattern(topic)` handler gets as its context (`@Ctx()`). */
export class EventBusContext extends BaseRpcContext<[DeliveredEvent]> {
  getEvent(): DeliveredEvent {
    return this.getArgByIndex(0);
  }
}

export interface EventBusTransportOptions {
  /** The consumer group: every replica of a service uses the same one. */
  readonly group: string;
  readonly retry?: RetryPolicy;
  readonly onAssignment?: AssignmentListener;
}

/**
 * A custom @nestjs/microservices transport strategy over the event-bus port, for both adapters.
 * Nest's own Kafka transport is not used: it commits offsets on its own schedule, has no
 * retry-then-dead-letter path, no CloudEvents binary headers and no in-process twin, so the
 * guarantees would differ between the all-in-one and the microservices mode.
 * `@EventPattern('<topic>')` handlers of the app receive the validated envelope and, through
 * `@Ctx()`, an EventBusContext; a handler that throws (or whose observable errors) is retried and
 * dead-lettered by the bus. The bus itself belongs to MessagingModule, which closes it on shutdown.
 */
export class EventBusTransport extends Server implements CustomTransportStrategy {
  constructor(
    private readonly bus: EventBus<readonly TopicDefinition[]>,
    private readonly options: EventBusTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = [...this.messageHandlers.entries()].filter(([, handler]) => handler.isEventHandler).map(([pattern]) => pattern);
      if (topics.length > 0) {
        await this.bus.subscribe({
          group: this.options.group,
          topics,
          ...(this.options.retry ? { retry: this.options.retry } : {}),
          ...(this.options.onAssignment ? { onAssignment: this.options.onAssignment } : {}),
          handle: (event) => this.dispatch(event),
        });
      }
      await this.bus.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  on(): void {
    // The bus reports its state through readiness (MessagingModule), not transport events.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async dispatch(event: DeliveredEvent<EventEnvelope>): Promise<void> {
    const handler = this.getHandlerByPattern(event.topic);
    if (handler === null) throw new Error(`no @EventPattern handler for ${event.topic}`);
    const result: unknown = await handler(event.envelope, new EventBusContext([event]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
