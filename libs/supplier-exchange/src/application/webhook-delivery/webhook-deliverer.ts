import { Clock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { HttpTargets, HttpTransport, signWebhook } from '@itsm/platform/webhooks';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { WebhookQueueStore } from '../ports/supplier-exchange-stores.port';
import type { ClaimedWebhookEvent } from '../ports/supplier-exchange-stores.port';
import { webhookSigningKeys } from '../supplier-connections/outbound-checks';
import { SupplierConnections } from '../supplier-connections/supplier-connections';
import { webhookVerdict } from './webhook-delivery-policy';
import type { WebhookDeliveryPolicy, WebhookVerdict } from './webhook-delivery-policy';

export const WEBHOOK_DELIVERY_POLICY = Symbol('WEBHOOK_DELIVERY_POLICY');

/** How many records' heads one replica sends at once. */
const PARALLEL = 8;
/** A claim outlives the call by this much, so a slow answer never lets a second replica send the same head. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Sends the webhook queues' heads: one attempt per claimed head (the CloudEvent as JSON, signed per
 * Standard Webhooks with the connection's keys, `webhook-id` = the event id, a fresh timestamp per
 * attempt), through the platform's HttpTargets (one breaker per supplier), then records the verdict:
 * accepted (the next event is due), retried after the backoff, or dead-lettered (the queue held).
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationShutdown {
  private readonly targets: HttpTargets;

  constructor(
    private readonly queue: WebhookQueueStore,
    private readonly connections: SupplierConnections,
    private readonly clock: Clock,
    http: HttpTransport,
    @Inject(WEBHOOK_DELIVERY_POLICY) private readonly policy: WebhookDeliveryPolicy,
    @Inject(PINO_LOGGER) private readonly logger: Pick<Logger, 'warn'>,
  ) {
    this.targets = new HttpTargets(http, 'supplier-webhook', policy.http);
  }

  /** Sends due heads until none is due or `limit` attempts were made; returns the attempts made. */
  async deliverDue(limit = 200): Promise<number> {
    let attempts = 0;
    const worker = async (): Promise<void> => {
      while (attempts < limit) {
        const now = this.clock.now();
        const claim = await this.queue.claim(now, new Date(now.getTime() + this.policy.http.timeoutMs + LEASE_MARGIN_MS));
        if (claim === null) return;
        attempts += 1;
        await this.attempt(claim);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return attempts;
  }

  onApplicationShutdown(): void {
    this.targets.shutdown();
  }

  private async attempt(claim: ClaimedWebhookEvent): Promise<void> {
    const verdict = await this.send(claim);
    const now = this.clock.now();
    switch (verdict.kind) {
      case 'delivered':
        return this.queue.delivered(claim, now);
      case 'retry':
        return this.queue.retry(claim, new Date(now.getTime() + verdict.afterMs), verdict.reason);
      case 'dead':
        this.logger.warn({ supplierId: claim.supplierId, ticketId: claim.ticketId, eventId: claim.event.id, status: verdict.status, reason: verdict.reason }, "supplier webhook dead-lettered; the ticket's later events are held");
        return this.queue.deadLetter(claim, { eventId: claim.event.id, sequence: claim.event.sequence, status: verdict.status, reason: verdict.reason, at: now });
    }
  }

  private async send(claim: ClaimedWebhookEvent): Promise<WebhookVerdict> {
    const connection = (await this.connections.snapshot()).supplier(claim.supplierId);
    // The connection was removed or moved back to Kafka: the queue is held with the reason, nothing is lost.
    if (connection === undefined) return { kind: 'dead', status: null, reason: `no connection ${claim.supplierId}` };
    if (connection.outbound.channel !== 'webhook') return { kind: 'dead', status: null, reason: `connection ${claim.supplierId} is no longer on the webhook channel` };
    const body = JSON.stringify(claim.event);
    const now = this.clock.now().getTime();
    let headers: Readonly<Record<string, string>>;
    try {
      headers = { ...signWebhook(webhookSigningKeys(connection.outbound), claim.event.id, Math.floor(now / 1000), body) };
    } catch (error) {
      // An id the spec cannot sign (a dot, too long): no attempt will ever succeed.
      if (error instanceof RangeError) return { kind: 'dead', status: null, reason: `unsignable event: ${error.message}` };
      throw error;
    }
    const outcome = await this.targets.post(claim.supplierId, { url: connection.outbound.url, headers, body });
    return webhookVerdict(outcome, claim.attempts + 1, this.policy, this.clock.now().getTime());
  }
}
