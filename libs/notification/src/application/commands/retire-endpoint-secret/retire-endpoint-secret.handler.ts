import { Injectable } from '@nestjs/common';
import { retireSecret } from '../../../domain/endpoints';
import type { NotificationEndpoint } from '../../../domain/endpoints';
import { changeEndpoint } from '../../endpoint-changes';
import { NotificationEndpointStore } from '../../ports/endpoint-store.port';
import type { RetireEndpointSecretCommand } from './retire-endpoint-secret.command';

@Injectable()
export class RetireEndpointSecretHandler {
  constructor(private readonly endpoints: NotificationEndpointStore) {}

  execute(command: RetireEndpointSecretCommand): Promise<NotificationEndpoint> {
    return changeEndpoint(this.endpoints, command.endpointId, (e) => retireSecret(e, command.secretId));
  }
}
