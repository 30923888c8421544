import { Roles } from '@itsm/platform/auth';
import { Query, Resolver } from '@nestjs/graphql';
import { SupplierConnectionStore } from '../application/ports/supplier-exchange-stores.port';
import { SupplierConnectionGql } from './supplier-connection.types';

/** The admins' view of the supplier connections. */
@Resolver(() => SupplierConnectionGql)
export class SupplierConnectionResolver {
  constructor(private readonly store: SupplierConnectionStore) {}

  @Query(() => [SupplierConnectionGql], { description: 'Every supplier connection, by supplier id' })
  @Roles('admin')
  async supplierConnections(): Promise<SupplierConnectionGql[]> {
    return (await this.store.list()).map(({ connection, version }) => ({
      supplierId: connection.supplierId,
      organisationId: connection.organisationId,
      name: connection.name,
      agentId: connection.agentId,
      exposeCallerContact: connection.exposeCallerContact,
      exposeRelatedEntities: connection.exposeRelatedEntities,
      ticketKinds: [...connection.ticketKinds],
      outbound:
        connection.outbound.channel === 'webhook'
          ? { channel: 'webhook', url: connection.outbound.url, signingKeyCount: connection.outbound.signingKeys.length }
          : { channel: 'kafka', url: null, signingKeyCount: 0 },
      version,
    }));
  }
}
