import { Clock } from '@itsm/platform/config';
import { newHmacSecret } from '@itsm/platform/webhooks';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotificationErrorCode, notificationError } from '../../../domain';
import { addSecret, endpointContact } from '../../../domain/endpoints';
import type { NotificationEndpoint } from '../../../domain/endpoints';
import { NOTIFICATION_SETTINGS } from '../../../notification-env';
import type { NotificationSettings } from '../../../notification-env';
import { changeEndpoint } from '../../endpoint-changes';
import type { EndpointWithNewSecret } from '../../endpoint-results';
import { endpointUrl } from '../../endpoint-url';
import { NotificationEndpointStore } from '../../ports/endpoint-store.port';
import type { SaveNotificationEndpointCommand } from './save-notification-endpoint.command';

const NAME_MAX = 200;

/**
 * Creates an endpoint (a webhook gets its first secret, answered once; its creator is its owner) or
 * changes its name, URL and contact; the URL and mail address rules apply either way.
 */
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
    const contact = command.input.contact === undefined ? undefined : endpointContact(command.input.contact);
    if (command.id === null) return this.create({ name, channel: command.input.channel, url, owner: command.by, contact: contact ?? null });
    const endpoint = await changeEndpoint(this.endpoints, command.id, (e) => {
      if (e.channel !== command.input.channel) throw notificationError(NotificationErrorCode.InvalidInput, `Endpoint ${e.id} is a ${e.channel} endpoint; create another for ${command.input.channel}.`, { field: 'channel', endpointId: e.id });
      const nextContact = contact === undefined ? e.contact : contact;
      return e.name === name && e.url === url && e.contact === nextContact ? e : { ...e, name, url, contact: nextContact };
    });
    return { endpoint, secret: null };
  }

  private async create(fields: Pick<NotificationEndpoint, 'name' | 'channel' | 'url' | 'owner' | 'contact'>): Promise<EndpointWithNewSecret> {
    const now = this.clock.now().getTime();
    const blank: NotificationEndpoint = { ...fields, id: randomUUID(), secrets: [], state: { kind: 'active' }, broken: null };
    const secret = fields.channel === 'webhook' ? newHmacSecret() : null;
    const endpoint = secret === null ? blank : addSecret(blank, secret, now);
    await this.endpoints.save(endpoint, null);
    return { endpoint, secret };
  }
}
