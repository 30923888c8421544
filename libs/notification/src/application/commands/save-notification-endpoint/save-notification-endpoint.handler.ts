import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotificationErrorCode, notificationError } from '../../../domain';
import { addSecret, endpointUrl } from '../../../domain/endpoints';
import type { NotificationEndpoint } from '../../../domain/endpoints';
import { NOTIFICATION_SETTINGS } from '../../../notification-env';
import type { NotificationSettings } from '../../../notification-env';
import { newWebhookSecret } from '../../channels/webhook-signature';
import { changeEndpoint } from '../../endpoint-changes';
import type { EndpointWithNewSecret } from '../../endpoint-results';
import { NotificationEndpointStore } from '../../ports/endpoint-store.port';
import type { SaveNotificationEndpointCommand } from './save-notification-endpoint.command';

const NAME_MAX = 200;

/** Creates an endpoint (a webhook gets its first secret, answered once) or changes its name and URL; the URL rules apply either way. */
@Injectable()
export class SaveNotificationEndpointHandler {
  constructor(
    private readonly endpoints: NotificationEndpointStore,
    private readonly clock: Clock,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: Pick<NotificationSettings, 'allowPrivateTargets'>,
  ) {}

  async execute(command: SaveNotificationEndpointCommand): Promise<EndpointWithNewSecret> {
    const name = command.input.name.trim();
    if (name === '' || name.length > NAME_MAX) throw notificationError(NotificationErrorCode.InvalidInput, `An endpoint's name is 1 to ${NAME_MAX} characters.`, { field: 'name' });
    const url = endpointUrl(command.input.url, this.settings.allowPrivateTargets);
    if (command.id === null) return this.create(name, command.input.channel, url);
    const endpoint = await changeEndpoint(this.endpoints, command.id, (e) => {
      if (e.channel !== command.input.channel) throw notificationError(NotificationErrorCode.InvalidInput, `Endpoint ${e.id} is a ${e.channel} endpoint; create another for ${command.input.channel}.`, { field: 'channel', endpointId: e.id });
      return e.name === name && e.url === url ? e : { ...e, name, url };
    });
    return { endpoint, secret: null };
  }

  private async create(name: string, channel: NotificationEndpoint['channel'], url: string): Promise<EndpointWithNewSecret> {
    const now = this.clock.now().getTime();
    const blank: NotificationEndpoint = { id: randomUUID(), name, channel, url, secrets: [], state: { kind: 'active' }, broken: null };
    const secret = channel === 'webhook' ? newWebhookSecret() : null;
    const endpoint = secret === null ? blank : addSecret(blank, secret, now);
    await this.endpoints.save(endpoint, null);
    return { endpoint, secret };
  }
}
