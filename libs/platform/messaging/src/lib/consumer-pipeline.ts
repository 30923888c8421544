import { ContractError, decodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope, TopicRegistry } from '@itsm/contracts';
import { backoffDelayMs } from '@itsm/platform/resilience';
import type { ConsumedRecord } from './dead-letter';
import { deadLetterRecord } from './dead-letter';
import type { TopicDefinition } from '@itsm/contracts';
import type { BatchDelivery, DeliveredEvent, EventBatchHandler, EventHandler, RawOutgoingRecord, RecordCheck, RetryPolicy, Subscription } from './event-bus';
import { DEFAULT_MAX_BATCH, DEFAULT_RETRY_POLICY } from './event-bus';
import { MessagingErrorCode, isRetryable } from './messaging.errors';
import { recordFailedAttempt, withConsumeSpan, withConsumeSpans } from './message-tracing';
import type { ConsumedEventFacts } from './message-tracing';

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
  /** Runs of records to one call (the subscription's batch delivery), for its topics. */
  readonly batch?: BatchDelivery;
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
  /** True once the partition was taken away (Kafka rebalance): a run stops; what is left is the new owner's. */
  readonly stale?: () => boolean;
}

/** Why a record cannot be delivered (a refused check, a malformed envelope, a payload failing its schema). */
interface Refusal {
  readonly code: string;
  readonly message: string;
}

/** A record that passed the check, decoding and schema validation. */
interface Valid {
  readonly record: ConsumedRecord;
  readonly envelope: EventEnvelope;
}

/**
 * What every consumer does with one record, whatever the transport: the subscription's raw-record
 * check, if any (a refusal is dead-lettered at once with its code), then decode and validate the
 * CloudEvent (a malformed one is dead-lettered at once with the reason), run the handler with
 * capped, jittered retries, and dead-letter what still fails, so the partition moves on. It only
 * throws when the dead-letter write itself fails (or the check throws): the record is then not
 * committed and comes again. With batch delivery, `processBatch` does the same over a run of records.
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
      ...(subscription.batch ? { batch: subscription.batch } : {}),
      retry: subscription.retry ?? DEFAULT_RETRY_POLICY,
      ...(subscription.check ? { check: subscription.check } : {}),
    });
  }

  get group(): string {
    return this.options.group;
  }

  /** Records of `topic` one `processBatch` call takes at most: the batch size when its events come in runs, else 1. */
  runLength(topic: string): number {
    const batch = this.batchFor(topic);
    return batch === undefined ? 1 : Math.max(1, batch.maxBatch ?? DEFAULT_MAX_BATCH);
  }

  async process(record: ConsumedRecord, control: PipelineControl): Promise<Outcome> {
    const started = performance.now();
    const valid = await this.screen(record);
    const outcome = valid === undefined ? 'dead-lettered' : await this.handleInSpan(valid, control, this.options.handler, 1);
    this.observe(record.topic, outcome, started);
    return outcome;
  }

  /**
   * A run of one partition's records of one topic, in offset order (at most `runLength`): each is
   * checked, decoded and validated as by `process`; bad ones at the start are dead-lettered, a bad
   * one after a good one ends the run (it leads the next, so nothing past what a call answers done
   * was dead-lettered). The valid ones go to the batch handler in one call (a run of one: the
   * retry path at once); when it throws, each of them goes through the retry then dead-letter
   * path alone (so one poison event is isolated), heartbeating between them. Without batch
   * delivery for the topic, `process` per record. Answers how many records from the start are
   * done (handled or dead-lettered): fewer than all when the run ended at a bad record, or shutdown
   * or a rebalance stopped it (the rest stays uncommitted and comes again).
   */
  async processBatch(records: readonly ConsumedRecord[], control: PipelineControl): Promise<number> {
    const batch = this.batchFor(records[0]?.topic);
    if (batch === undefined) {
      for (const [index, record] of records.entries()) {
        if ((await this.process(record, control)) === 'aborted') return index;
      }
      return records.length;
    }
    const started = performance.now();
    const valid: Valid[] = [];
    let end = records.length;
    for (const [index, record] of records.entries()) {
      const inspected = await this.inspect(record);
      if (!('code' in inspected)) {
        valid.push(inspected);
        continue;
      }
      if (valid.length > 0) {
        end = index;
        break;
      }
      await this.deadLetter(record, inspected.code, inspected.message, 0);
      this.observe(record.topic, 'dead-lettered', started);
    }
    const first = valid[0];
    if (first === undefined) return end;
    if (control.signal.aborted) return records.indexOf(first.record);
    const alone = (event: DeliveredEvent) => batch.handle([event]);
    if (valid.length === 1) {
      const outcome = await this.handleInSpan(first, control, alone, 1);
      this.observe(first.record.topic, outcome, started);
      return outcome === 'aborted' ? records.indexOf(first.record) : end;
    }
    try {
      await this.handleRun(valid, batch.handle);
      for (const { record } of valid) this.observe(record.topic, 'handled', started);
      return end;
    } catch (error) {
      // Not each event's failure necessarily: each gets at least one call of its own below (its attempt 2).
      for (const { envelope } of valid) this.options.observer?.onRetry?.(this.options.group, envelope, 1, error);
    }
    for (const one of valid) {
      await control.heartbeat?.();
      if (control.stale?.()) return records.indexOf(one.record);
      const outcome = await this.handleInSpan(one, control, alone, 2);
      this.observe(one.record.topic, outcome, started);
      if (outcome === 'aborted') return records.indexOf(one.record);
    }
    return end;
  }

  private batchFor(topic: string | undefined): BatchDelivery | undefined {
    const batch = this.options.batch;
    if (batch === undefined || topic === undefined) return undefined;
    return batch.topics === undefined || batch.topics.includes(topic) ? batch : undefined;
  }

  private observe(topic: string, outcome: Outcome, started: number): void {
    this.options.observer?.onOutcome?.(this.options.group, topic, outcome, performance.now() - started);
  }

  /** The raw check, decoding and schema validation: undefined when the record was dead-lettered. */
  private async screen(record: ConsumedRecord): Promise<Valid | undefined> {
    const inspected = await this.inspect(record);
    if (!('code' in inspected)) return inspected;
    await this.deadLetter(record, inspected.code, inspected.message, 0);
    return undefined;
  }

  /** The raw check, decoding and schema validation, without dead-lettering. */
  private async inspect(record: ConsumedRecord): Promise<Valid | Refusal> {
    const refusal = await this.options.check?.({ topic: record.topic, headers: record.headers, value: record.value });
    if (refusal !== undefined) return refusal;
    try {
      const envelope = decodeEnvelope(record);
      this.options.registry.validatePayload(record.topic, envelope.type, envelope.data);
      return { record, envelope };
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      return { code: error.code, message: error.message };
    }
  }

  private spanFacts({ record }: Valid): ConsumedEventFacts {
    return { system: this.options.system, group: this.options.group, topic: record.topic, partition: record.partition, offset: record.offset };
  }

  private handleInSpan(valid: Valid, control: PipelineControl, handler: EventHandler, firstAttempt: number): Promise<Outcome> {
    return withConsumeSpan(valid.envelope, this.spanFacts(valid), () => this.handle(valid, control, handler, firstAttempt));
  }

  /**
   * One call for the whole run, each event in its own consume span; it runs as the run's last event
   * (that span active, that event's correlation): one call cannot be in every event's context.
   */
  private async handleRun(valid: readonly Valid[], handler: EventBatchHandler): Promise<void> {
    const last = valid[valid.length - 1] as Valid;
    const run = () => handler(valid.map((one) => delivered(one, 1)));
    await withConsumeSpans(
      valid.map((one) => ({ event: one.envelope, facts: this.spanFacts(one) })),
      async () => {
        await (this.options.around ? this.options.around(last.envelope, run) : run());
        return 'handled';
      },
    );
  }

  /** The handler's attempts from `firstAttempt`: retried with backoff while retryable, then dead-lettered (at least one call). */
  private async handle(valid: Valid, control: PipelineControl, handler: EventHandler, firstAttempt: number): Promise<Outcome> {
    const { envelope, record } = valid;
    const { maxAttempts, backoff } = this.options.retry;
    for (let attempt = firstAttempt; ; attempt++) {
      if (control.signal.aborted) return 'aborted';
      try {
        const run = () => handler(delivered(valid, attempt));
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

function delivered({ envelope, record }: Valid, attempt: number): DeliveredEvent {
  return { envelope, record: { headers: record.headers, value: record.value }, topic: record.topic, partition: record.partition, offset: record.offset, attempt };
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
