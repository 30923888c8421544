import { familyValueOf, supplierInboundFamily, topicOfFamily } from '@itsm/contracts';
import { EVENT_BUS } from '@itsm/platform/messaging';
import type { DeliveredEvent, EventBus, RecordCheck, RecordRefusal } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { verifyRecord } from '@itsm/platform/webhooks';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { SupplierInboundPipeline } from '../application/supplier-inbound/supplier-inbound.pipeline';
import type { InboundRefusalAnswer } from '../application/supplier-inbound/supplier-inbound.pipeline';
import { SupplierConnections } from '../application/supplier-connections/supplier-connections';
import { SupplierExchangeErrorCode } from '../domain';
import type { SupplierInboundEvent } from '../domain';
import { SUPPLIER_EXCHANGE_SETTINGS } from '../supplier-exchange-env';
import type { SupplierExchangeSettings } from '../supplier-exchange-env';

/** The group of the suppliers' inbound topics: its own, so its topic list can change without touching the context's group. */
export const SUPPLIER_INBOUND_CONSUMER_GROUP = 'supplier-exchange-inbound';

/** A supplier's message not applied: dead-lettered at once (no retry cures it) with its code and the reason first in its text. */
export class SupplierMessageRefused extends Error {
  override readonly name = 'SupplierMessageRefused';
  readonly retryable = false;

  constructor(
    readonly code: SupplierExchangeErrorCode,
    readonly reason: string,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

const deadLetter = (refused: Pick<InboundRefusalAnswer, 'code' | 'reason' | 'message'>): RecordRefusal => ({ code: refused.code, message: `${refused.reason}: ${refused.message}` });
const unknownSupplier = (topic: string) => ({ code: SupplierExchangeErrorCode.UnknownSupplier, reason: 'unknown_supplier', message: `${topic} is not a supplier's inbound topic` });

/**
 * The consumer of every connected supplier's inbound topic `itsm.supplier.<id>.in.v1`. The bus
 * subscribes a group to a fixed list, so the list is re-read with the connections (every
 * `connectionsCacheMs`) and the group unsubscribed and subscribed again over the new list when it
 * changed. Per record, in this order: the supplier from the topic's name (never the message); its
 * connection and the Standard Webhooks signature by one of its keys within the timestamp window,
 * over the raw record before it is decoded (SupplierInboundPipeline.authenticate, as the subscription's
 * `check`); the payload against the family's schema (the bus); then SupplierInboundPipeline.receive
 * (replay, decision, receipt with the event): the pipeline the REST endpoint runs too. A refused
 * record is dead-lettered to `<topic>.dlq` with the refusal's code (UNKNOWN_SUPPLIER, UNAUTHENTICATED,
 * INBOUND_REFUSED, a replay included) and its reason first in the text; the partition flows on.
 */
@Injectable()
export class SupplierInboundSubscription implements OnApplicationBootstrap, OnModuleDestroy {
  private topics: readonly string[] = [];
  private syncing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly connections: SupplierConnections,
    private readonly pipeline: SupplierInboundPipeline,
    @Inject(SUPPLIER_EXCHANGE_SETTINGS) private readonly settings: SupplierExchangeSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A hybrid app (HTTP and the bus transport) runs the bootstrap hooks twice: one timer, one first sync.
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.sync().catch((error: unknown) => this.logger.error({ err: error }, 'supplier exchange: the inbound topic list could not be read'));
    }, Math.max(this.settings.connectionsCacheMs, 1_000));
    this.timer.unref();
    await this.sync();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The inbound topics subscribed now (sorted). */
  subscribedTopics(): readonly string[] {
    return this.topics;
  }

  /** Subscribes the group over the connections' inbound topics when they are not the ones it has (one sync at a time). */
  sync(): Promise<void> {
    const run = this.syncing.then(async () => {
      const snapshot = await this.connections.snapshot();
      const topics = snapshot.all().map((c) => topicOfFamily(supplierInboundFamily, c.supplierId).name);
      if (topics.length === this.topics.length && topics.every((topic, i) => topic === this.topics[i])) return;
      if (this.topics.length > 0) await this.bus.unsubscribe(SUPPLIER_INBOUND_CONSUMER_GROUP);
      this.topics = [];
      if (topics.length > 0) {
        await this.bus.subscribe({ group: SUPPLIER_INBOUND_CONSUMER_GROUP, topics, check: this.check, handle: (event) => this.handle(event) });
      }
      this.topics = topics;
      this.logger.info({ topics }, 'supplier exchange: consuming the suppliers\' inbound topics');
    });
    this.syncing = run.catch(() => undefined);
    return run;
  }

  /** Before decoding: a topic of a connected supplier, and a record signed by one of its keys within the window. */
  private readonly check: RecordCheck = async (record) => {
    const supplierId = familyValueOf(supplierInboundFamily, record.topic);
    if (supplierId === null) return deadLetter(unknownSupplier(record.topic));
    const authenticated = await this.pipeline.authenticate(supplierId, (keys, now, tolerance) => verifyRecord(keys, record, now, tolerance));
    return authenticated.kind === 'refused' ? deadLetter(authenticated) : undefined;
  };

  private async handle(event: DeliveredEvent): Promise<void> {
    const refuse = (refused: Pick<InboundRefusalAnswer, 'code' | 'reason' | 'message'>) => new SupplierMessageRefused(refused.code, refused.reason, refused.message);
    const supplierId = familyValueOf(supplierInboundFamily, event.topic);
    if (supplierId === null) throw refuse(unknownSupplier(event.topic));
    const found = await this.pipeline.connectionOf(supplierId);
    if (found.kind === 'refused') throw refuse(found);
    const received = await this.pipeline.receive(supplierId, found.connection, event.envelope as SupplierInboundEvent);
    // On a topic a replay is dead-lettered: the supplier's producer gets no answer, its dead letter shows the duplicate.
    if (received.kind === 'replayed') throw refuse({ code: SupplierExchangeErrorCode.InboundRefused, reason: 'replayed', message: `message ${event.envelope.id} was received before` });
    if (received.kind === 'refused') throw refuse(received);
  }
}
