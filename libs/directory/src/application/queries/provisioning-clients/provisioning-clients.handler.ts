import { Inject, Injectable } from '@nestjs/common';
import type { ProvisioningClient } from '../../../domain';
import { PROVISIONING_CLIENT_STORE } from '../../ports/directory-stores.port';
import type { ProvisioningClientStore } from '../../ports/directory-stores.port';
import type { ProvisioningClientsQuery } from './provisioning-clients.query';

@Injectable()
export class ProvisioningClientsHandler {
  constructor(@Inject(PROVISIONING_CLIENT_STORE) private readonly clients: ProvisioningClientStore) {}

  execute(_query: ProvisioningClientsQuery): Promise<ProvisioningClient[]> {
    return this.clients.list();
  }
}
