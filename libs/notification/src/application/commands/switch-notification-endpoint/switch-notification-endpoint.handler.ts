import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { disableEndpoint, enableEndpoint } from '../../../domain/endpoints';
import type { NotificationEndpoint } from '../../../domain/endpoints';
import { changeEndpoint } from '../../endpoint-changes';
import { NotificationEndpointStore } from '../../ports/endpoint-store.port';
import type { SwitchNotificationEndpointCommand } from './switch-notification-endpoint.command';

/** Enables or disables an endpoint; switching it to the state it has changes nothing. */
@Injectable()
export class SwitchNotificationEndpointHandler {
  constructor(
    private readonly endpoints: NotificationEndpointStore,
    private readonly clock: Clock,
  ) {}

  execute(command: SwitchNotificationEndpointCommand): Promise<NotificationEndpoint> {
    const now = this.clock.now().getTime();
    return changeEndpoint(this.endpoints, command.endpointId, (e) => {
      if (command.enabled) return e.state.kind === 'active' ? e : enableEndpoint(e);
      return disableEndpoint(e, `disabled by ${command.by}`, command.by, now);
    });
  }
}
