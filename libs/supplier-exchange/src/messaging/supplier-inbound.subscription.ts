import { familyValueOf, supplierInboundFamily, topicOfFamily } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { EVENT_BUS } from '@itsm/platform/messaging';
import type { DeliveredEvent, EventBus, RecordCheck, RecordRefusal } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { DEFAULT_TOLERANCE_SECONDS, verifyRecord } from '@itsm/platform/webhooks';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { ReceiveSupplierMessageCommand } from '../application/commands/receive-supplier-message/receive-supplier-message.command';
import { ReceiveSupplierMessageHandler } from '../application/commands/receive-supplier-message/receive-supplier-message.handler';
import { inboundVerifyingKeys } from '../application/supplier-connections/inbound-keys';
import { SupplierConnections } from '../application/supplier-connections/supplier-connections';
import { SupplierExchangeErrorCode } from '../domain';
import type { SupplierConnection, SupplierInboundEvent } from '../domain';
import { SUPPLIER_EXCHANGE_SETTINGS } from '../supplier-exchange-env';
import type { SupplierExchangeSettings } from '../supplier-exchange-env';

/** The group of the suppliers' inbound topics: its own, so its topic list can change without touching the context's group. */
export const SUPPLIER_INBOUND_CONSUMER_GROUP = 'supplier-exchange-inbound';

/** A supplier's message not applied: dead-lettered at once (no retry cures it) with the reason first in its text. */
export class SupplierMessageRefused extends Error {
  override readonly name = 'SupplierMessageRefused';
  readonly code = SupplierExchangeErrorCode.InboundRefused;
  readonly retryable = false;

  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

const refusal = (reason: string, detail: string): RecordRefusal => ({ code: SupplierExchangeErrorCode.InboundRefused, message: `${reason}: ${detail}` });

/**
 * The consumer of every connected supplier's inbound topic `itsm.supplier.<id>.in.v1`. The bus
 * subscribes a group to a fixed list, so the list is re-read with the connections (every
 * `connectionsCacheMs`) and the group unsubscribed and subscribed again over the new list when it
 * changed. Per record, in this order: the supplier from the topic's name (never the message); its
 * connection; the Standard Webhooks signature by one of its keys within the timestamp window, over
 * the raw record before it is decoded; the payload against the family's schema (the bus); then
 * `receive-supplier-message` (replay, decision, receipt with the event). A refused record is
 * dead-lettered to `<topic>.dlq` with SUPPLIER_EXCHANGE.INBOUND_REFUSED and its reason; the partition flows on.
 */
@Injectable()
export class SupplierInboundSubscription implements OnApplicationBootstrap, OnModuleDestroy {
  private topics: readonly string[] = [];
  private syncing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly connections: SupplierConnections,
    private readonly receive: ReceiveSupplierMessageHandler,
    @Inject(Clock) private readonly clock: Clock,
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
    const found = await this.connectionOf(record.topic);
    if ('refused' in found) return refusal('unknown_supplier', found.refused);
    const verified = verifyRecord(inboundVerifyingKeys(found.connection), record, Math.floor(this.clock.now().getTime() / 1000), DEFAULT_TOLERANCE_SECONDS);
    return verified.ok ? undefined : refusal(verified.reason, 'the record is not signed by a key of your connection within the timestamp window');
  };

  private async handle(event: DeliveredEvent): Promise<void> {
    const found = await this.connectionOf(event.topic);
    if ('refused' in found) throw new SupplierMessageRefused('unknown_supplier', found.refused);
    const { connection, supplierId } = found;
    const outcome = await this.receive.execute(new ReceiveSupplierMessageCommand(supplierId, connection, event.envelope as SupplierInboundEvent, this.clock.now()));
    if (outcome.kind === 'refused') throw new SupplierMessageRefused(outcome.reason, outcome.message);
  }

  private async connectionOf(topic: string): Promise<{ readonly supplierId: string; readonly connection: SupplierConnection } | { readonly refused: string }> {
    const supplierId = familyValueOf(supplierInboundFamily, topic);
    if (supplierId === null) return { refused: `${topic} is not a supplier's inbound topic` };
    const connection = (await this.connections.snapshot()).supplier(supplierId);
    return connection === undefined ? { refused: 'no connection for this topic' } : { supplierId, connection };
  }
}
