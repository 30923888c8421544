import { Injectable } from '@nestjs/common';
import { SupplierExchangeErrorCode, supplierExchangeError } from '../../../domain';
import type { StoredSupplierConnection } from '../../ports/supplier-exchange-stores.port';
import { issueSigningKey, signingKeyView } from '../../supplier-connections/issued-keys';
import type { KeyView } from '../../supplier-connections/issued-keys';
import { SupplierConnections } from '../../supplier-connections/supplier-connections';
import type { SaveSupplierConnectionCommand } from './save-supplier-connection.command';

/** A saved connection and the signing key issued with it (a connection that became a webhook one), shown this once. */
export interface SavedSupplierConnection {
  readonly saved: StoredSupplierConnection;
  readonly issuedKey: KeyView | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Creates or replaces a supplier connection (applied by every replica within the connections cache
 * time, without a restart). The webhook channel's signing keys are the exchange's: a connection
 * that becomes a webhook one gets a new key, one that stays keeps its keys (rotate them apart), one
 * that leaves the webhook channel drops them.
 */
@Injectable()
export class SaveSupplierConnectionHandler {
  constructor(private readonly connections: SupplierConnections) {}

  async execute(command: SaveSupplierConnectionCommand): Promise<SavedSupplierConnection> {
    const { input, expectedVersion, keyKind } = command;
    const outbound = input['outbound'];
    if (!isRecord(outbound) || outbound['channel'] !== 'webhook') return { saved: await this.connections.save(input, expectedVersion), issuedKey: null };
    if ('signingKeys' in outbound) {
      throw supplierExchangeError(SupplierExchangeErrorCode.InvalidConnection, 'outbound.signingKeys are issued by the exchange (rotateSupplierSigningKey), never given', { field: 'outbound.signingKeys' });
    }
    const supplierId = input['supplierId'];
    const current = expectedVersion === null || typeof supplierId !== 'string' ? null : await this.connections.get(supplierId);
    const kept = current !== null && current.version === expectedVersion && current.connection.outbound.channel === 'webhook' ? current.connection.outbound.signingKeys : null;
    const issued = kept === null ? issueSigningKey(keyKind) : null;
    const signingKeys = kept ?? [issued as string];
    const saved = await this.connections.save({ ...input, outbound: { ...outbound, signingKeys } }, expectedVersion);
    return { saved, issuedKey: issued === null ? null : signingKeyView(issued, true) };
  }
}
