import { ContractError, ContractErrorCode, supplierInboundFamily, supplierUpdateEventId, TopicRegistry, topicOfFamily } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { DEFAULT_TOLERANCE_SECONDS } from '@itsm/platform/webhooks';
import type { WebhookVerification, WebhookVerifyingKey } from '@itsm/platform/webhooks';
import { Inject, Injectable } from '@nestjs/common';
import { SupplierExchangeErrorCode } from '../../domain';
import type { SupplierConnection, SupplierInboundEvent } from '../../domain';
import { ReceiveSupplierMessageCommand } from '../commands/receive-supplier-message/receive-supplier-message.command';
import { ReceiveSupplierMessageHandler } from '../commands/receive-supplier-message/receive-supplier-message.handler';
import { inboundVerifyingKeys } from '../supplier-connections/inbound-keys';
import { SupplierConnections } from '../supplier-connections/supplier-connections';

/** A supplier's message not taken: its code, the reason the supplier is told (snake_case), what to fix, and the faults found. */
export interface InboundRefusalAnswer {
  readonly kind: 'refused';
  readonly code: SupplierExchangeErrorCode;
  readonly reason: string;
  readonly message: string;
  readonly details: readonly string[];
}

/** Checks the transport's signature (Standard Webhooks headers over the raw bytes) against the supplier's keys at `nowSeconds`. */
export type InboundVerifier = (keys: readonly WebhookVerifyingKey[], nowSeconds: number, toleranceSeconds: number) => WebhookVerification;

export type Authenticated = { readonly kind: 'verified'; readonly connection: SupplierConnection } | InboundRefusalAnswer;
export type PayloadChecked = { readonly kind: 'valid'; readonly message: SupplierInboundEvent } | InboundRefusalAnswer;
/** Applied now, or applied before (the same id: nothing applied again, the same update id), or refused by the decision. */
export type Received = { readonly kind: 'applied' | 'replayed'; readonly updateId: string } | InboundRefusalAnswer;

const refused = (code: SupplierExchangeErrorCode, reason: string, message: string, details: readonly string[] = []): InboundRefusalAnswer => ({ kind: 'refused', code, reason, message, details });

const CONTRACT_REASONS: Readonly<Record<ContractErrorCode, string>> = {
  [ContractErrorCode.MalformedEnvelope]: 'malformed_envelope',
  [ContractErrorCode.UnknownTopic]: 'unknown_topic',
  [ContractErrorCode.UnknownEventType]: 'unknown_event_type',
  [ContractErrorCode.InvalidPayload]: 'invalid_payload',
};

/** A contract refusal (envelope, event type, payload schema) as the supplier is told it. */
export function contractRefusal(error: ContractError): InboundRefusalAnswer {
  return refused(SupplierExchangeErrorCode.InvalidMessage, CONTRACT_REASONS[error.code], error.message, error.details);
}

/**
 * The one per-message pipeline of a supplier's inbound messages, whichever transport carried them
 * (its inbound Kafka topic, the TMF621-style REST endpoint), so both accept and refuse alike. In order:
 * `authenticate` (the supplier the transport names, never the message, has a connection; the
 * signature is by one of its keys within DEFAULT_TOLERANCE_SECONDS, over the raw bytes before any
 * decoding); `checkPayload` (the envelope's type and data against the supplier family's schemas: the
 * bus's own TopicRegistry check, done by the bus itself on Kafka); `receive` (replay receipt,
 * decideInbound, receipt + update-received event in one insert).
 */
@Injectable()
export class SupplierInboundPipeline {
  /** The bus's payload check for the family, compiled once (the same schemas and validator the Kafka consumer applies). */
  private static readonly registry = new TopicRegistry([], [supplierInboundFamily]);

  constructor(
    private readonly connections: SupplierConnections,
    private readonly handler: ReceiveSupplierMessageHandler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The supplier's connection, or UNKNOWN_SUPPLIER. */
  async connectionOf(supplierId: string): Promise<{ readonly kind: 'found'; readonly connection: SupplierConnection } | InboundRefusalAnswer> {
    const connection = (await this.connections.snapshot()).supplier(supplierId);
    return connection === undefined
      ? refused(SupplierExchangeErrorCode.UnknownSupplier, 'unknown_supplier', `no supplier connection ${supplierId}`)
      : { kind: 'found', connection };
  }

  /** The supplier's connection when the message is signed by one of its keys within the window; else UNKNOWN_SUPPLIER or UNAUTHENTICATED with the verification's reason. */
  async authenticate(supplierId: string, verify: InboundVerifier): Promise<Authenticated> {
    const found = await this.connectionOf(supplierId);
    if (found.kind === 'refused') return found;
    const verified = verify(inboundVerifyingKeys(found.connection), Math.floor(this.clock.now().getTime() / 1000), DEFAULT_TOLERANCE_SECONDS);
    if (!verified.ok) {
      return refused(SupplierExchangeErrorCode.Unauthenticated, verified.reason, `the message is not signed by a key of your connection within ${DEFAULT_TOLERANCE_SECONDS} seconds of its timestamp`);
    }
    return { kind: 'verified', connection: found.connection };
  }

  /** The envelope as a message of the supplier family, or INVALID_MESSAGE with the schema's faults. */
  checkPayload(supplierId: string, envelope: EventEnvelope): PayloadChecked {
    try {
      SupplierInboundPipeline.registry.validatePayload(topicOfFamily(supplierInboundFamily, supplierId).name, envelope.type, envelope.data);
    } catch (error) {
      if (error instanceof ContractError) return contractRefusal(error);
      throw error;
    }
    return { kind: 'valid', message: envelope as SupplierInboundEvent };
  }

  /** Takes a verified, schema-checked message as the supplier's agent (receive-supplier-message). */
  async receive(supplierId: string, connection: SupplierConnection, message: SupplierInboundEvent): Promise<Received> {
    const outcome = await this.handler.execute(new ReceiveSupplierMessageCommand(supplierId, connection, message, this.clock.now()));
    if (outcome.kind === 'applied') return outcome;
    if (outcome.reason === 'replayed') return { kind: 'replayed', updateId: supplierUpdateEventId(supplierId, message.id) };
    return refused(SupplierExchangeErrorCode.InboundRefused, outcome.reason, outcome.message);
  }
}
