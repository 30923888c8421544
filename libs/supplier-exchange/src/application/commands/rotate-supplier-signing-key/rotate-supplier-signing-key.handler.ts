import { Injectable } from '@nestjs/common';
import { addSigningKey } from '../../../domain';
import { issueSigningKey, signingKeyView } from '../../supplier-connections/issued-keys';
import { SupplierConnections } from '../../supplier-connections/supplier-connections';
import type { SavedSupplierConnection } from '../save-supplier-connection/save-supplier-connection.handler';
import { storedConnection } from '../stored-connection';
import type { RotateSupplierSigningKeyCommand } from './rotate-supplier-signing-key.command';

/**
 * Adds a new signing key to a webhook connection (at most two) and answers it: an Ed25519 key's public
 * key for the supplier to verify with, or an HMAC secret, shown this once. Both keys sign every webhook
 * (Standard Webhooks' multiple signatures) until the old one is retired, so the supplier switches when it likes.
 */
@Injectable()
export class RotateSupplierSigningKeyHandler {
  constructor(private readonly connections: SupplierConnections) {}

  async execute(command: RotateSupplierSigningKeyCommand): Promise<SavedSupplierConnection> {
    const current = await storedConnection(this.connections, command.supplierId);
    const key = issueSigningKey(command.keyKind);
    const saved = await this.connections.save(addSigningKey(current.connection, key), current.version);
    return { saved, issuedKey: signingKeyView(key, true) };
  }
}
