import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { BaseRpcContext, EventPattern, Server } from '@nestjs/microservices';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { AssignmentListener, DeliveredEvent, EventBus, RetryPolicy } from '../event-bus';

/** What an `@EventPattern(topic)` handler gets as its context (`@Ctx()`). */
export class EventBusContext extends BaseRpcContext<[DeliveredEvent]> {
  getEvent(): DeliveredEvent {
    return this.getArgByIndex(0);
  }
}

/** What an `@EventBatchPattern(topic)` handler gets as its context (`@Ctx()`): the run's events, in offset order. */
export class EventBusBatchContext extends BaseRpcContext<[readonly DeliveredEvent[]]> {
  getEvents(): readonly DeliveredEvent[] {
    return this.getArgByIndex(0);
  }
}

/** The pattern extra that marks a batch handler. */
const BATCH = 'itsmEventBatch';

/**
 * Like `@EventPattern(topic)`, but the method gets a run of one partition's validated envelopes (an
 * array, in offset order; `@Ctx()` is an EventBusBatchContext) with the bus's batch delivery: a
 * projection reads and writes once per run. When it throws, the bus calls it again with each event alone.
 */
export function EventBatchPattern(topic: string): MethodDecorator {
  return EventPattern(topic, { [BATCH]: true });
}

export interface EventBusTransportOptions {
  /** The consumer group: every replica of a service uses the same one. */
  readonly group: string;
  readonly retry?: RetryPolicy;
  readonly onAssignment?: AssignmentListener;
  /** Events per call at most of `@EventBatchPattern` handlers (the bus's default when unset). */
  readonly maxBatch?: number;
}

/**
 * A custom @nestjs/microservices transport strategy over the event-bus port, for both adapters.
 * Nest's own Kafka transport is not used: it commits offsets on its own schedule, has no
 * retry-then-dead-letter path, no CloudEvents binary headers and no in-process twin, so the
 * guarantees would differ between the all-in-one and the microservices mode.
 * `@EventPattern('<topic>')` handlers of the app receive the validated envelope and, through
 * `@Ctx()`, an EventBusContext (`@EventBatchPattern` handlers: runs of envelopes); a handler that throws (or whose observable errors) is retried and
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
      const events = [...this.messageHandlers.entries()].filter(([, handler]) => handler.isEventHandler);
      const topics = events.map(([pattern]) => pattern);
      const batched = events.filter(([, handler]) => handler.extras?.[BATCH] === true).map(([pattern]) => pattern);
      if (topics.length > 0) {
        await this.bus.subscribe({
          group: this.options.group,
          topics,
          ...(this.options.retry ? { retry: this.options.retry } : {}),
          ...(this.options.onAssignment ? { onAssignment: this.options.onAssignment } : {}),
          handle: (event) => this.dispatch(event, event.envelope, new EventBusContext([event])),
          ...(batched.length > 0
            ? { batch: { topics: batched, handle: (run) => this.dispatch(run[0] as DeliveredEvent, run.map((event) => event.envelope), new EventBusBatchContext([run])), ...(this.options.maxBatch ? { maxBatch: this.options.maxBatch } : {}) } }
            : {}),
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

  /** Calls the topic's handler with the envelope (or the run's envelopes) and its context. */
  private async dispatch(event: DeliveredEvent, payload: EventEnvelope | readonly EventEnvelope[], context: EventBusContext | EventBusBatchContext): Promise<void> {
    const handler = this.getHandlerByPattern(event.topic);
    if (handler === null) throw new Error(`no @EventPattern handler for ${event.topic}`);
    const result: unknown = await handler(payload, context);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
