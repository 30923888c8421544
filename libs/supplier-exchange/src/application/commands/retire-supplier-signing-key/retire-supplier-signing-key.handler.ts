import { Injectable } from '@nestjs/common';
import { removeSigningKey } from '../../../domain';
import type { StoredSupplierConnection } from '../../ports/supplier-exchange-stores.port';
import { keyId } from '../../supplier-connections/connection-keys';
import { SupplierConnections } from '../../supplier-connections/supplier-connections';
import { storedConnection } from '../stored-connection';
import type { RetireSupplierSigningKeyCommand } from './retire-supplier-signing-key.command';

/** Removes a webhook signing key by its id; the connection's last key stays (rotate first). */
@Injectable()
export class RetireSupplierSigningKeyHandler {
  constructor(private readonly connections: SupplierConnections) {}

  async execute(command: RetireSupplierSigningKeyCommand): Promise<StoredSupplierConnection> {
    const current = await storedConnection(this.connections, command.supplierId);
    const { outbound } = current.connection;
    const key = outbound.channel === 'webhook' ? (outbound.signingKeys.find((text) => keyId(text) === command.keyId) ?? command.keyId) : command.keyId;
    return this.connections.save(removeSigningKey(current.connection, key), current.version);
  }
}
