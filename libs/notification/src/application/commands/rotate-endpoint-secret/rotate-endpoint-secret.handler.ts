import { Clock } from '@itsm/platform/config';
import { newHmacSecret } from '@itsm/platform/webhooks';
import { Injectable } from '@nestjs/common';
import { addSecret } from '../../../domain/endpoints';
import { changeEndpoint } from '../../endpoint-changes';
import type { EndpointWithNewSecret } from '../../endpoint-results';
import { NotificationEndpointStore } from '../../ports/endpoint-store.port';
import type { RotateEndpointSecretCommand } from './rotate-endpoint-secret.command';

/** Adds a new signing secret (at most two active) and answers it, the only time it is shown. */
@Injectable()
export class RotateEndpointSecretHandler {
  constructor(
    private readonly endpoints: NotificationEndpointStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: RotateEndpointSecretCommand): Promise<EndpointWithNewSecret> {
    const secret = newHmacSecret();
    const now = this.clock.now().getTime();
    const endpoint = await changeEndpoint(this.endpoints, command.endpointId, (e) => addSecret(e, secret, now));
    return { endpoint, secret };
  }
}
