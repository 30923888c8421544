import { Clock } from '@itsm/platform/config';
import { objectIdFromKey } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, notificationError } from '../../../domain';
import type { Notice } from '../../../domain';
import { EndpointSender } from '../../ports/endpoint-sender.port';
import type { EndpointOutcome } from '../../ports/endpoint-sender.port';
import { NotificationEndpointStore } from '../../ports/endpoint-store.port';
import type { TestNotificationEndpointCommand } from './test-notification-endpoint.command';

/**
 * Sends a ping (no items, category `update`) through the endpoint sender as a notice would go: the
 * same body shapes, signatures, breaker and answer handling (a 410 disables the endpoint here too).
 */
@Injectable()
export class TestNotificationEndpointHandler {
  constructor(
    private readonly endpoints: NotificationEndpointStore,
    private readonly sender: EndpointSender,
    private readonly clock: Clock,
  ) {}

  async execute(command: TestNotificationEndpointCommand): Promise<EndpointOutcome> {
    const stored = await this.endpoints.get(command.endpointId);
    if (stored === null) throw notificationError(NotificationErrorCode.NotFound, `No notification endpoint ${command.endpointId}.`, { endpointId: command.endpointId });
    const { endpoint } = stored;
    const now = this.clock.now().getTime();
    const key = `endpoint-test:${endpoint.id}:${now}`;
    const notice: Notice = { key, recipient: { kind: 'endpoint', endpointId: endpoint.id }, channel: endpoint.channel, category: 'update', urgent: false, templateId: 'endpoint-test', items: [] };
    const message = { locale: 'en', subject: `Test notification for ${endpoint.name}`, text: `Sent by ${command.by} to check this endpoint receives ITSM notifications.`, html: null };
    return this.sender.send({ deliveryId: objectIdFromKey('notification-endpoint-test', key).toHexString(), attempt: 1, endpointId: endpoint.id, channel: endpoint.channel, notice, message }, now);
  }
}
