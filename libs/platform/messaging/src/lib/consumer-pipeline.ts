import { ContractError, decodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope, TopicRegistry } from '@itsm/contracts';
import { backoffDelayMs } from '@itsm/platform/resilience';
import type { ConsumedRecord } from './dead-letter';
import { deadLetterRecord } from './dead-letter';
import type { TopicDefinition } from '@itsm/contracts';
import type { EventHandler, RawOutgoingRecord, RecordCheck, RetryPolicy, Subscription } from './event-bus';
import { DEFAULT_RETRY_POLICY } from './event-bus';
import { MessagingErrorCode, isRetryable } from './messaging.errors';
import { recordFailedAttempt, withConsumeSpan } from './message-tracing';

export type Outcome = 'handled' | 'dead-lettered' | 'aborted';

export interface PipelineObserver {
  onOutcome?(group: string, topic: string, outcome: Outcome, durationMs: number): void;
  onRetry?(group: string, envelope: EventEnvelope, attempt: number, error: unknown): void;
  onDeadLetter?(group: string, record: ConsumedRecord, code: string, message: string): void;
}

export interface PipelineOptions {
  readonly group: string;
  readonly registry: TopicRegistry;
  readonly handler: EventHandler;
  readonly retry: RetryPolicy;
  /** The subscription's check of the raw record, before decoding. */
  readonly check?: RecordCheck;
  readonly deadLetter: (topic: string, record: RawOutgoingRecord) => Promise<void>;
  /** Runs the handler inside a context (correlation ids for logs); defaults to a plain call. */
  readonly around?: (envelope: EventEnvelope, run: () => Promise<void>) => Promise<void>;
  readonly observer?: PipelineObserver;
  readonly clock?: () => Date;
  /** `messaging.system` of the consume spans (`kafka`, or the in-process bus's). */
  readonly system?: string;
}

export interface PipelineControl {
  /** Aborted on shutdown: a retry wait ends and the record stays uncommitted (redelivered later). */
  readonly signal: AbortSignal;
  /** Keeps group membership alive during long retries (Kafka). */
  readonly heartbeat?: () => Promise<void>;
}

/**
 * What every consumer does with one record, whatever the transport: the subscription's raw-record
 * check, if any (a refusal is dead-lettered at once with its code), then decode and validate the
 * CloudEvent (a malformed one is dead-lettered at once with the reason), run the handler with
 * capped, jittered retries, and dead-letter what still fails, so the partition moves on. It only
 * throws when the dead-letter write itself fails: the record is then not committed and comes again.
 */
export class ConsumerPipeline {
  constructor(private readonly options: PipelineOptions) {}

  /** The pipeline of one consumer group, as both bus adapters build it. */
  static forSubscription(
    subscription: Subscription<readonly TopicDefinition[], string>,
    shared: Pick<PipelineOptions, 'registry' | 'deadLetter' | 'observer' | 'around' | 'system'>,
  ): ConsumerPipeline {
    return new ConsumerPipeline({
      ...shared,
      group: subscription.group,
      handler: subscription.handle,
      retry: subscription.retry ?? DEFAULT_RETRY_POLICY,
      ...(subscription.check ? { check: subscription.check } : {}),
    });
  }

  get group(): string {
    return this.options.group;
  }

  async process(record: ConsumedRecord, control: PipelineControl): Promise<Outcome> {
    const started = performance.now();
    const outcome = await this.processRecord(record, control);
    this.options.observer?.onOutcome?.(this.options.group, record.topic, outcome, performance.now() - started);
    return outcome;
  }

  private async processRecord(record: ConsumedRecord, control: PipelineControl): Promise<Outcome> {
    const refusal = await this.options.check?.({ topic: record.topic, headers: record.headers, value: record.value });
    if (refusal !== undefined) {
      await this.deadLetter(record, refusal.code, refusal.message, 0);
      return 'dead-lettered';
    }
    let envelope: EventEnvelope;
    try {
      envelope = decodeEnvelope(record);
      this.options.registry.validatePayload(record.topic, envelope.type, envelope.data);
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      await this.deadLetter(record, error.code, error.message, 0);
      return 'dead-lettered';
    }
    const facts = { system: this.options.system, group: this.options.group, topic: record.topic, partition: record.partition, offset: record.offset };
    return withConsumeSpan(envelope, facts, () => this.handle(envelope, record, control));
  }

  /** The handler's attempts: retried with backoff while retryable, then dead-lettered. */
  private async handle(envelope: EventEnvelope, record: ConsumedRecord, control: PipelineControl): Promise<Outcome> {
    const { maxAttempts, backoff } = this.options.retry;
    for (let attempt = 1; ; attempt++) {
      if (control.signal.aborted) return 'aborted';
      try {
        const delivered = { envelope, record: { headers: record.headers, value: record.value }, topic: record.topic, partition: record.partition, offset: record.offset, attempt };
        const run = () => this.options.handler(delivered);
        await (this.options.around ? this.options.around(envelope, run) : run());
        return 'handled';
      } catch (error) {
        const code = codeOf(error);
        const willRetry = attempt < maxAttempts && isRetryable(error);
        recordFailedAttempt(error, attempt, willRetry);
        if (!willRetry) {
          await this.deadLetter(record, code, messageOf(error), attempt);
          return 'dead-lettered';
        }
        this.options.observer?.onRetry?.(this.options.group, envelope, attempt, error);
        const waited = await pause(backoffDelayMs(backoff, attempt), control);
        if (!waited) return 'aborted';
      }
    }
  }

  private async deadLetter(record: ConsumedRecord, code: string, message: string, attempts: number): Promise<void> {
    const failedAt = (this.options.clock ?? (() => new Date()))();
    const dead = deadLetterRecord(record, { code, message, group: this.options.group, attempts, failedAt });
    await this.options.deadLetter(dead.topic, dead.record);
    this.options.observer?.onDeadLetter?.(this.options.group, record, code, message);
  }
}

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
  }
  return MessagingErrorCode.HandlerFailed;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null) {
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}

/** Waits `ms`, heartbeating every second; false when aborted first. */
async function pause(ms: number, control: PipelineControl): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (control.signal.aborted) return false;
    const slice = Math.min(1000, until - Date.now());
    const completed = await new Promise<boolean>((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        control.signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, slice);
      control.signal.addEventListener('abort', onAbort, { once: true });
    });
    if (!completed) return false;
    await control.heartbeat?.();
  }
  return !control.signal.aborted;
}
